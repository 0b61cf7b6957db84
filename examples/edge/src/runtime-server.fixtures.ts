import { type ChildProcess, spawn } from 'node:child_process'

export interface RuntimeServer {
  readonly url: string
  /** Everything the process wrote to stderr so far (for failure messages). */
  readonly stderr: () => string
  readonly stop: () => Promise<void>
}

export interface RuntimeCommand {
  readonly command: string
  readonly args: ReadonlyArray<string>
  readonly env: Readonly<Record<string, string>>
  readonly cwd: string
  /** Removes what the command needed on disk (a generated config). */
  readonly cleanup?: () => void
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()))

/** Polls `probe` until the server answers any HTTP status; fails as soon as the process exits. */
const waitUntilServing = async (
  ended: () => string | undefined,
  probe: string,
  stderr: () => string,
  timeoutMs: number,
) => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const end = ended()
    if (end !== undefined) throw new Error(`the runtime ${end} before serving:\n${stderr()}`)
    const answered = await fetch(probe, { signal: AbortSignal.timeout(1_000) }).then(
      (response) => response.body?.cancel().then(() => true) ?? true,
      () => false,
    )
    if (answered) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`the runtime did not serve ${probe} within ${timeoutMs} ms:\n${stderr()}`)
}

/** Starts a runtime serving the edge handler on `port` and resolves once it answers HTTP. */
export const startRuntimeServer = async (
  run: RuntimeCommand,
  port: number,
  timeoutMs = 20_000,
): Promise<RuntimeServer> => {
  const child = spawn(run.command, [...run.args], {
    cwd: run.cwd,
    env: { ...process.env, ...run.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  let spawnError: Error | undefined
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
  })
  child.stdout?.resume()
  child.once('error', (error) => {
    spawnError = error
  })
  const readStderr = () => (spawnError === undefined ? stderr : `${spawnError.message}\n${stderr}`)
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await Promise.race([exited(child), new Promise((resolve) => setTimeout(resolve, 3_000))])
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    run.cleanup?.()
  }
  try {
    const ended = () =>
      spawnError !== undefined
        ? 'failed to start'
        : child.exitCode !== null || child.signalCode !== null
          ? `exited (${child.exitCode ?? child.signalCode})`
          : undefined
    await waitUntilServing(ended, `${url}/payments/READINESS-PROBE`, readStderr, timeoutMs)
  } catch (error) {
    await stop()
    throw error
  }
  return { url, stderr: readStderr, stop }
}
