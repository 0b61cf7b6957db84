import * as Context from 'effect/Context'
import * as Effect from 'effect/Effect'
import type { PaymentEvent } from '../machine/events.js'
import type { PaymentState } from '../machine/state.js'
import type { Backlog } from '../store/backlog.js'

/**
 * What the engine tells whoever watches it: each committed event, the conflicts it opened, commit retries, gateway
 * calls with their answers and durations, notifications, relay passes and backlog reads. Nothing by default;
 * `createPaychart` installs `metricsObserver` (Effect metrics) when given a `telemetry` layer. Kept apart from the
 * metrics themselves so that an engine without telemetry (an edge bundle) carries no metric code.
 */
export interface EngineObserverShape {
  readonly event: (event: PaymentEvent, from: PaymentState, to: PaymentState) => Effect.Effect<void>
  readonly conflictsOpened: (kinds: ReadonlyArray<string>) => Effect.Effect<void>
  readonly commitConflict: () => Effect.Effect<void>
  readonly gatewayCall: (kind: string, answer: PaymentEvent, durationMs: number) => Effect.Effect<void>
  readonly notification: (outcome: string, notifyType: string) => Effect.Effect<void>
  /** How late a first notification told what the gateway did (its paymentTime, captureTime or refundTime). */
  readonly notificationLag: (notifyType: string, lagMs: number) => Effect.Effect<void>
  readonly relayPass: (outcome: 'done' | 'failed', commands: number, timers: number) => Effect.Effect<void>
  readonly backlog: (
    backlog: Backlog,
    oldestUnknownOutcomeAgeMs: number | undefined,
    relayLastPassAgeMs: number | undefined,
  ) => Effect.Effect<void>
}

const nothing = () => Effect.void

export const EngineObserver = Context.Reference<EngineObserverShape>('@paychart/core/EngineObserver', {
  defaultValue: () => ({
    event: nothing,
    conflictsOpened: nothing,
    commitConflict: nothing,
    gatewayCall: nothing,
    notification: nothing,
    notificationLag: nothing,
    relayPass: nothing,
    backlog: nothing,
  }),
})
