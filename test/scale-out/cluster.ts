import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { CONFIG_VARIABLE, type InstanceConfig, READY } from './instance-config.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url))

export interface Instance {
  readonly name: string
  readonly url: string
  readonly process: ChildProcess
  /** What it printed, stdout and stderr, for the report when something fails. */
  readonly output: string[]
}

/** Not signalled to stop (even if it has not exited yet) and not exited. */
export const isAlive = (instance: Instance): boolean =>
  !instance.process.killed && instance.process.exitCode === null && instance.process.signalCode === null

const startInstance = (config: InstanceConfig, readyWithinMs: number): Promise<Instance> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=@paychart/source', '--import', 'tsx', CHILD], {
      cwd: ROOT,
      env: { ...process.env, [CONFIG_VARIABLE]: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const output: string[] = []
    const fail = (why: string) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(new Error(`instance ${config.name} ${why}:\n${output.join('')}`))
    }
    const timer = setTimeout(() => fail(`was not ready within ${readyWithinMs} ms`), readyWithinMs)
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    child.stdout.on('data', (chunk: Buffer) => {
      output.push(chunk.toString())
      const ready = new RegExp(`^${READY} (\\d+)$`, 'm').exec(output.join(''))
      if (ready === null) return
      clearTimeout(timer)
      resolve({ name: config.name, url: `http://127.0.0.1:${ready[1]}`, process: child, output })
    })
    child.once('exit', (code, signal) => fail(`exited (${code ?? signal}) before it was ready`))
  })

/** Starts every instance at once (they migrate the same new schema together) and waits until all serve. */
export const startCluster = async (configs: ReadonlyArray<InstanceConfig>): Promise<Instance[]> => {
  const started = await Promise.allSettled(configs.map((config) => startInstance(config, 30_000)))
  const instances = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
  const failed = started.find((result) => result.status === 'rejected')
  if (failed !== undefined) {
    await stopCluster(instances)
    throw failed.reason
  }
  return instances
}

/** SIGTERM (each closes its server, runtime and pool), then SIGKILL for one that does not exit in time. */
export const stopCluster = async (instances: ReadonlyArray<Instance>): Promise<void> => {
  await Promise.all(
    instances.map(
      (instance) =>
        new Promise<void>((resolve) => {
          if (instance.process.exitCode !== null || instance.process.signalCode !== null) return resolve()
          const kill = setTimeout(() => instance.process.kill('SIGKILL'), 5_000)
          instance.process.once('exit', () => {
            clearTimeout(kill)
            resolve()
          })
          instance.process.kill('SIGTERM')
        }),
    ),
  )
}
