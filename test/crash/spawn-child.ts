import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { CrashAt } from './crash-points.js'

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url))
const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface ChildEnv {
  readonly round: string
  /** `locationText` of the store every incarnation opens. */
  readonly store: string
  readonly simUrl: string
  readonly clientId: string
  readonly merchantPrivateKey: string
  readonly gatewayPublicKey: string
  readonly webhookPort: number
}

export interface ChildExit {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  /** What the child wrote to stderr: its own log lines and any error. */
  readonly log: string
  /** Whether the parent, rather than the child itself, killed it. */
  readonly killedByParent: boolean
  /** Whether it ran past `LIFE_LIMIT_MS` and was killed for it: a payment that never settles. */
  readonly timedOut: boolean
}

/** No incarnation needs this long: its payments take a second or two, a lost pay a few more. */
export const LIFE_LIMIT_MS = 20_000

/**
 * Starts one incarnation of the merchant's server and waits for it to end: on its own (exit 0 once every payment is
 * settled), killed at its own crash point, or by the parent `killAfterMs` after the child says it has started.
 */
export const runChild = (env: ChildEnv, crash: CrashAt | undefined, killAfterMs?: number): Promise<ChildExit> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=@paychart/source', '--import', 'tsx', CHILD], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        ROUND: env.round,
        STORE: env.store,
        SIM_URL: env.simUrl,
        CLIENT_ID: env.clientId,
        MERCHANT_PRIVATE_KEY: env.merchantPrivateKey,
        GATEWAY_PUBLIC_KEY: env.gatewayPublicKey,
        WEBHOOK_PORT: String(env.webhookPort),
        CRASH: crash === undefined ? '' : JSON.stringify(crash),
      },
    })
    let log = ''
    let killedByParent = false
    let timedOut = false
    const limit = setTimeout(() => {
      timedOut = child.exitCode === null && child.kill('SIGKILL')
    }, LIFE_LIMIT_MS)
    let timer: ReturnType<typeof setTimeout> | undefined
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      log += chunk
      if (killAfterMs !== undefined && timer === undefined && log.includes('] started')) {
        timer = setTimeout(() => {
          killedByParent = child.exitCode === null && child.kill('SIGKILL')
        }, killAfterMs)
      }
    })
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      if (timer !== undefined) clearTimeout(timer)
      clearTimeout(limit)
      resolve({ code, signal, log, killedByParent, timedOut })
    })
  })
