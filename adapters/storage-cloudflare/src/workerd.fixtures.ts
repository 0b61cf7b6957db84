import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'

const PACKAGE_ROOT = new URL('..', import.meta.url).pathname
const ENTRY = join(PACKAGE_ROOT, 'src/fixtures/test-worker.ts')

/**
 * The test worker (or another, `entry`) as wrangler would bundle it: ESM, the workers conditions, `cloudflare:*` left
 * to the runtime.
 */
export const bundleTestWorker = async (entry = ENTRY): Promise<string> => {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@paychart/source', 'workerd', 'worker', 'browser'],
    external: ['cloudflare:*'],
    write: false,
    logLevel: 'silent',
  })
  const output = result.outputFiles[0]
  if (output === undefined) throw new Error('esbuild wrote no output')
  return output.text
}

/** A workerd config: the worker on `port`, both Durable Object classes SQLite-backed, their files under `disk`. */
export const workerdConfig = (options: { readonly port: number; readonly disk: string }): string => `
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .testWorker),
    (name = "do-disk", disk = (path = ${JSON.stringify(options.disk)}, writable = true)),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${options.port}", http = (), service = "main")],
);

const testWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2026-11-01",
  durableObjectNamespaces = [
    (className = "TestPayments", uniqueKey = "paychart-test-payments", enableSql = true),
    (className = "TestIndex", uniqueKey = "paychart-test-index", enableSql = true),
  ],
  durableObjectStorage = (localDisk = "do-disk"),
  bindings = [
    (name = "PAYCHART_PAYMENTS", durableObjectNamespace = "TestPayments"),
    (name = "PAYCHART_INDEX", durableObjectNamespace = "TestIndex"),
  ],
);
`

/** A port nothing listens on right now, from the OS. */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => (port === 0 ? reject(new Error('no port assigned')) : resolve(port)))
    })
  })

const workerdBinary = (): string => {
  const candidates = [
    join(PACKAGE_ROOT, 'node_modules/.bin/workerd'),
    join(PACKAGE_ROOT, '../../node_modules/.bin/workerd'),
  ]
  return candidates.find((path) => existsSync(path)) ?? 'workerd'
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()))

export interface Workerd {
  readonly url: string
  readonly stderr: () => string
  readonly stop: () => Promise<void>
}

const waitUntilServing = async (url: string, child: ChildProcess, stderr: () => string, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`workerd exited (${child.exitCode ?? child.signalCode}) before serving:\n${stderr()}`)
    }
    const answered = await fetch(url, { signal: AbortSignal.timeout(1_000) }).then(
      (response) => response.body?.cancel().then(() => true) ?? true,
      () => false,
    )
    if (answered) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`workerd did not serve ${url} within ${timeoutMs} ms:\n${stderr()}`)
}

/** Starts workerd serving `bundle` with its Durable Object files in `disk`; resolves once it answers HTTP. */
export const startWorkerd = async (bundle: string, disk: string, timeoutMs = 20_000): Promise<Workerd> => {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'paychart-workerd-config-'))
  writeFileSync(join(dir, 'worker.js'), bundle)
  writeFileSync(join(dir, 'config.capnp'), workerdConfig({ port, disk }))
  const child = spawn(workerdBinary(), ['serve', 'config.capnp'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
  })
  child.stdout?.resume()
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await Promise.race([exited(child), new Promise((resolve) => setTimeout(resolve, 3_000))])
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await exited(child)
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    await waitUntilServing(url, child, () => stderr, timeoutMs)
  } catch (error) {
    await stop()
    throw error
  }
  return { url, stderr: () => stderr, stop }
}

/** A fresh directory for the Durable Objects' SQLite files; `remove` deletes it. */
export const tempDisk = () => {
  const dir = mkdtempSync(join(tmpdir(), 'paychart-do-disk-'))
  mkdirSync(dir, { recursive: true })
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}
