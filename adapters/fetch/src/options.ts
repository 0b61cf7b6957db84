import type { Logger } from './log.js'

/** The fetch the transport calls; the global one unless a test or runtime hands in another. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>

export interface FetchTransportOptions {
  /** Per attempt, from sending to the last byte of the body. Default 15 000. */
  readonly timeoutMs?: number
  /** Largest body read; larger answers fail with `ResponseTooLarge`. Default 1 MiB. */
  readonly maxResponseBytes?: number
  /** Attempts in all, the first included. Default 3. */
  readonly maxAttempts?: number
  /** Backoff ceiling of the first retry, doubled each retry. Default 200. */
  readonly baseDelayMs?: number
  /** Largest backoff ceiling. Default 2 000. */
  readonly maxDelayMs?: number
  /** Source of jitter in [0, 1). Default `Math.random`. */
  readonly random?: () => number
  /** Receives one entry per attempt, retry, response and failure. Default: none. */
  readonly log?: Logger
  /** Default: the global `fetch`, looked up on each call. */
  readonly fetch?: FetchFunction
}

export interface ResolvedOptions {
  readonly timeoutMs: number
  readonly maxResponseBytes: number
  readonly maxAttempts: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  readonly random: () => number
  readonly log: Logger | undefined
  readonly fetch: FetchFunction
}

export const defaultOptions = {
  timeoutMs: 15_000,
  maxResponseBytes: 1024 * 1024,
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 2_000,
} as const

const globalFetch: FetchFunction = (input, init) => globalThis.fetch(input, init)

const check = (name: string, value: number, min: number): number => {
  if (!Number.isFinite(value) || value < min) throw new RangeError(`${name} must be a number >= ${min}, got ${value}`)
  return value
}

/** Fills in the defaults and rejects nonsense (a zero timeout, no attempts) when the transport is built. */
export const resolveOptions = (options: FetchTransportOptions = {}): ResolvedOptions => ({
  timeoutMs: check('timeoutMs', options.timeoutMs ?? defaultOptions.timeoutMs, 1),
  maxResponseBytes: check('maxResponseBytes', options.maxResponseBytes ?? defaultOptions.maxResponseBytes, 0),
  maxAttempts: Math.floor(check('maxAttempts', options.maxAttempts ?? defaultOptions.maxAttempts, 1)),
  baseDelayMs: check('baseDelayMs', options.baseDelayMs ?? defaultOptions.baseDelayMs, 0),
  maxDelayMs: check('maxDelayMs', options.maxDelayMs ?? defaultOptions.maxDelayMs, 0),
  random: options.random ?? Math.random,
  log: options.log,
  fetch: options.fetch ?? globalFetch,
})
