import type { PaymentState } from '../machine/state.js'

/** What `PaymentStore.backlog` counts: as of `now`, with `unknownOutcome` the states whose outcome is not known yet. */
export interface BacklogOptions {
  readonly now: number
  readonly unknownOutcome: ReadonlyArray<PaymentState>
}

/** How many, and the time of the oldest (epoch ms; absent when there are none). */
export interface Backlogged {
  readonly count: number
  readonly oldestAt?: number
}

/** What waits: the figures a readiness check and a payments team watch. Counts and times only, no payment data. */
export interface Backlog {
  /** Payments in each state (states with none are left out). */
  readonly payments: Readonly<Partial<Record<PaymentState, number>>>
  /** Outbox items not done yet; `oldestAt` is when the oldest was written. */
  readonly pendingCommands: Backlogged
  /** Timers due by `now` and not fired yet; `oldestAt` is the earliest due time. */
  readonly overdueTimers: Backlogged
  /**
   * Payments in one of the `unknownOutcome` states; `oldestAt` is when the one longest there entered its state (the
   * time of the event that moved it there).
   */
  readonly unknownOutcomes: Backlogged
}
