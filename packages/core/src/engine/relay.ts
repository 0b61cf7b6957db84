import * as Cause from 'effect/Cause'
import * as Clock from 'effect/Clock'
import * as Effect from 'effect/Effect'
import type { PaymentStoreShape } from '../store/payment-store.js'
import type { Handler } from './handler.js'
import { EngineObserver } from './observer.js'
import type { SecretVault } from './secret-vault.js'

export interface RelayOptions {
  /** This relay's id: the owner of its leases. */
  readonly owner: string
  /** How long a claimed command or timer is this relay's alone; after that another relay may take it over. */
  readonly leaseMs: number
  /** At most this many commands, and this many timers, per run. */
  readonly limit: number
}

export interface RelayReport {
  /** Outbox items claimed and run (gateway calls and domain events). */
  readonly commands: number
  readonly timers: number
  /** Items that failed (store unavailable, too many conflicts, a defect); their lease lapses and a later run retries. */
  readonly failed: number
}

/** Logs what failed, never its payload: a defect's text could carry what a gateway adapter was sending. */
const survive =
  (what: string, id: string) =>
  <E, R>(effect: Effect.Effect<void, E, R>) =>
    effect.pipe(
      Effect.as(0),
      Effect.catchCause((cause) =>
        Effect.logWarning(`relay: ${what} failed`).pipe(
          Effect.annotateLogs({ id, failure: Cause.hasDies(cause) ? 'defect' : 'error' }),
          Effect.as(1),
        ),
      ),
    )

/**
 * One pass of the outbox relay: claims the committed commands nobody is running (after a crash, with their original
 * request ids) and the due timers, with a lease, and runs them. Run it on a schedule, from one or several processes.
 */
export const makeRelay = (store: PaymentStoreShape, handler: Handler, vault: SecretVault) =>
  Effect.fn('Engine.runRelay')(
    function* (options: RelayOptions) {
      const now = yield* Clock.currentTimeMillis
      // Card data nothing may use any more (its payment expired) leaves memory at the next pass at the latest.
      vault.forgetExpired?.(now)
      const claim = { now, owner: options.owner, leaseMs: options.leaseMs, limit: options.limit }
      let failed = 0
      const items = yield* store.claimCommands(claim)
      for (const item of items) {
        failed += yield* handler.runClaimed(item, item.lease, options.leaseMs).pipe(survive('command', item.commandId))
      }
      const timers = yield* store.claimTimers(claim)
      for (const timer of timers) {
        const fired = { type: 'TIMER_FIRED', timer: timer.timer, at: now, dueAt: timer.dueAt } as const
        failed += yield* handler
          .handle(timer.paymentRequestId, fired, { firedTimer: timer.timer, firedDueAt: timer.dueAt })
          .pipe(Effect.asVoid, survive('timer', `${timer.paymentRequestId}/${timer.timer}`))
      }
      yield* (yield* EngineObserver).relayPass('done', items.length, timers.length)
      return { commands: items.length, timers: timers.length, failed } satisfies RelayReport
    },
    Effect.tapError(() =>
      Effect.flatMap(Effect.service(EngineObserver), (observer) => observer.relayPass('failed', 0, 0)),
    ),
  )
