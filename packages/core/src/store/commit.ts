import type { TimerName } from '../machine/events.js'
import type { PersistedPayment } from '../machine/persistence.js'
import type { PaymentState } from '../machine/state.js'
import type { EventLogEntry, Lease, OutboxItem, TimerItem } from './records.js'

/**
 * Everything one event changes, written in one atomic step with compare-and-set on the version: the new snapshot,
 * the event log line, the new outbox items, the timers set and cleared, and what this event settles.
 */
export interface Commit {
  readonly paymentRequestId: string
  /** The version the change was computed from; the commit fails with `VersionConflict` if it is no longer current. */
  readonly expectedVersion: number
  readonly at: number
  readonly state: PaymentState
  readonly snapshot: PersistedPayment
  readonly paymentId?: string
  readonly paymentSessionId?: string
  readonly event: EventLogEntry
  readonly outbox: ReadonlyArray<OutboxItem>
  /**
   * The new outbox items are written already claimed under this lease (counting one attempt): the committing
   * process runs them at once, and no relay takes one before the lease lapses. Without it they are written free.
   */
  readonly claimNew?: Lease
  /** Set (or moved) timers, keyed by payment and timer name. */
  readonly scheduleTimers: ReadonlyArray<TimerItem>
  readonly cancelTimers: ReadonlyArray<TimerName>
  /** The outbox item whose answer this event is: marked done in the same step. */
  readonly completesCommand?: string
  /** The timer whose firing this event is: removed in the same step (unless re-scheduled by this commit). */
  readonly firedTimer?: TimerName
  /** A notification this event came from: recorded in the same step, so a redelivery is seen as one. */
  readonly notificationKey?: string
}

/** A new payment: its first snapshot, and what its creation already decided. */
export interface NewPayment {
  readonly paymentRequestId: string
  readonly at: number
  readonly state: PaymentState
  readonly snapshot: PersistedPayment
  readonly merchantReference?: string
}
