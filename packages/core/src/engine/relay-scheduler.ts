import type { Duration } from 'effect'
import * as Cause from 'effect/Cause'
import * as Clock from 'effect/Clock'
import * as Context from 'effect/Context'
import * as Effect from 'effect/Effect'
import * as Layer from 'effect/Layer'
import * as Schedule from 'effect/Schedule'
import { Engine } from './engine.js'
import type { RelayOptions, RelayReport } from './relay.js'

export interface RelaySchedulerOptions extends Partial<RelayOptions> {
  /** Pause between the end of one pass and the start of the next (default 1 second). */
  readonly every?: Duration.Input
}

/** What the scheduler has done so far, for health checks and tests. */
export interface RelaySchedulerShape {
  readonly passes: () => number
  readonly lastReport: () => RelayReport | undefined
  /** When the scheduler started (epoch ms, the runtime's clock). */
  readonly startedAt: number
  /** When the last pass ended, whether it did its work or failed; undefined before the first. */
  readonly lastPassAt: () => number | undefined
  /** Passes in a row that failed (the store down, say); 0 once one succeeds. */
  readonly failuresInARow: () => number
}

const DEFAULTS = { owner: 'relay', leaseMs: 30_000, limit: 100, every: '1 second' } as const

/**
 * When the relay runs: a fiber, alive as long as the layer's scope, that runs `Engine.runRelay` again and again with
 * a pause between passes. A pass that fails (the store is down) is logged and the next one tries again; run one in
 * every app instance, each with its own `owner`.
 */
export class RelayScheduler extends Context.Service<RelayScheduler, RelaySchedulerShape>()(
  '@paychart/core/RelayScheduler',
) {
  static readonly layer = (options: RelaySchedulerOptions = {}): Layer.Layer<RelayScheduler, never, Engine> =>
    Layer.effect(
      RelayScheduler,
      Effect.gen(function* () {
        const engine = yield* Engine
        const relay: RelayOptions = {
          owner: options.owner ?? DEFAULTS.owner,
          leaseMs: options.leaseMs ?? DEFAULTS.leaseMs,
          limit: options.limit ?? DEFAULTS.limit,
        }
        const startedAt = yield* Clock.currentTimeMillis
        let passes = 0
        let lastReport: RelayReport | undefined
        let lastPassAt: number | undefined
        let failuresInARow = 0
        const ended = (failed: boolean) =>
          Effect.flatMap(Clock.currentTimeMillis, (now) =>
            Effect.sync(() => {
              lastPassAt = now
              failuresInARow = failed ? failuresInARow + 1 : 0
            }),
          )
        const pass = engine.runRelay(relay).pipe(
          Effect.tap((report) =>
            Effect.sync(() => {
              passes += 1
              lastReport = report
            }),
          ),
          Effect.onExit((exit) => ended(exit._tag === 'Failure')),
          Effect.catchTag('StoreUnavailable', (error) =>
            Effect.logWarning('relay pass failed').pipe(Effect.annotateLogs({ reason: error.message })),
          ),
          // Anything else (a defect in a store adapter, say) must not stop the loop either; its text could carry
          // what an adapter was sending, so only its kind is logged.
          Effect.catchCause((cause) =>
            Effect.logError('relay pass failed').pipe(
              Effect.annotateLogs({ reason: Cause.hasDies(cause) ? 'defect' : 'interrupted or failed' }),
            ),
          ),
        )
        yield* pass.pipe(Effect.repeat(Schedule.spaced(options.every ?? DEFAULTS.every)), Effect.forkScoped)
        return RelayScheduler.of({
          passes: () => passes,
          lastReport: () => lastReport,
          startedAt,
          lastPassAt: () => lastPassAt,
          failuresInARow: () => failuresInARow,
        })
      }),
    )
}
