import { type ChildProcess, spawn } from 'node:child_process'

export interface Running {
  readonly child: ChildProcess
  /** Everything it printed so far, stdout and stderr. */
  readonly output: () => string
  /** Resolves with its exit code (or the signal's name). */
  readonly exited: Promise<number | string>
}

/** Starts a long-running process and waits until its output contains `ready` (at most `timeoutMs`). */
export const startProcess = async (
  command: string,
  args: ReadonlyArray<string>,
  options: {
    readonly cwd: string
    readonly env: NodeJS.ProcessEnv
    readonly ready: string
    readonly timeoutMs?: number
  },
): Promise<Running> => {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] })
  let text = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString()
  })
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  )
  const deadline = Date.now() + (options.timeoutMs ?? 30_000)
  while (!text.includes(options.ready)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`${command} ${args.join(' ')} did not print "${options.ready}":\n${text}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return { child, output: () => text, exited }
}

/** Polls `read` until `done` holds for what it returns, at most `timeoutMs`; returns the last value read. */
export const eventually = async <A>(
  read: () => Promise<A>,
  done: (value: A) => boolean,
  timeoutMs = 15_000,
): Promise<A> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value) || Date.now() > deadline) return value
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}
