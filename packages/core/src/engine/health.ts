import * as Clock from 'effect/Clock'
import * as Effect from 'effect/Effect'
import * as Option from 'effect/Option'
import type { Backlog } from '../store/backlog.js'
import { Engine } from './engine.js'
import { EngineObserver } from './observer.js'
import { RelayScheduler } from './relay-scheduler.js'

export interface HealthOptions {
  /** The relay in this process is stale when its last pass ended longer ago than this. Default 60 seconds. */
  readonly relayStaleAfterMs?: number
  /** The store is down when its backlog read takes longer than this (a pool waiting on a dead database). Default 5 s. */
  readonly storeTimeoutMs?: number
}

/** The relay that runs in this process (`createPaychart` without `relay: false`), as a readiness check sees it. */
export interface RelayHealth {
  readonly passes: number
  /** Since the last pass ended (or, before the first, since the relay started). */
  readonly lastPassAgeMs: number
  readonly failuresInARow: number
  /** No pass ended within `relayStaleAfterMs`, or the last ones failed. */
  readonly stale: boolean
}

/**
 * Whether this process can take payments, and what waits. `ready`: the store answered and the relay (when it runs
 * here) is not stale. Without a relay in this process (a cron trigger runs it), `relay` is absent and not judged.
 */
export interface Health {
  readonly ready: boolean
  /** When it was checked (epoch ms). */
  readonly at: number
  readonly store: { readonly up: true } | { readonly up: false; readonly reason: string }
  readonly relay?: RelayHealth
  /** The figures the store gave (absent when it did not answer). */
  readonly backlog?: Backlog
  /** How long the payment waiting longest for the gateway's word has waited (absent when none waits). */
  readonly oldestUnknownOutcomeAgeMs?: number
}

const DEFAULT_STALE_AFTER_MS = 60_000
const DEFAULT_STORE_TIMEOUT_MS = 5_000

const relayHealth = (relay: RelayScheduler['Service'], now: number, staleAfterMs: number): RelayHealth => {
  const lastPassAgeMs = now - (relay.lastPassAt() ?? relay.startedAt)
  const failuresInARow = relay.failuresInARow()
  return {
    passes: relay.passes(),
    lastPassAgeMs,
    failuresInARow,
    stale: lastPassAgeMs > staleAfterMs || failuresInARow >= 3,
  }
}

/** Checks the store (its backlog read) and the relay running in this process. Never fails: a failure is the answer. */
export const checkHealth = Effect.fn('Engine.health')(function* (options: HealthOptions = {}) {
  const engine = yield* Engine
  const relay = yield* Effect.serviceOption(RelayScheduler)
  const read = yield* Effect.timeoutOption(engine.backlog(), options.storeTimeoutMs ?? DEFAULT_STORE_TIMEOUT_MS).pipe(
    Effect.result,
  )
  const at = yield* Clock.currentTimeMillis
  const relayNow = Option.map(relay, (r) => relayHealth(r, at, options.relayStaleAfterMs ?? DEFAULT_STALE_AFTER_MS))
  const relayPart = Option.match(relayNow, { onNone: () => ({}), onSome: (health) => ({ relay: health }) })
  if (read._tag === 'Failure' || Option.isNone(read.success)) {
    const reason = read._tag === 'Failure' ? read.failure.message : 'the store did not answer in time'
    return { ready: false, at, store: { up: false, reason }, ...relayPart } satisfies Health
  }
  const backlog = read.success.value
  const oldest = backlog.unknownOutcomes.oldestAt
  const oldestUnknownOutcomeAgeMs = oldest === undefined ? undefined : at - oldest
  yield* (yield* EngineObserver).backlog(
    backlog,
    oldestUnknownOutcomeAgeMs,
    Option.isSome(relayNow) ? relayNow.value.lastPassAgeMs : undefined,
  )
  return {
    ready: Option.match(relayNow, { onNone: () => true, onSome: (health) => !health.stale }),
    at,
    store: { up: true },
    ...relayPart,
    backlog,
    ...(oldestUnknownOutcomeAgeMs === undefined ? {} : { oldestUnknownOutcomeAgeMs }),
  } satisfies Health
})
