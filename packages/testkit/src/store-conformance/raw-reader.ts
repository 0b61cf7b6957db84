import type { PaymentState } from '@paychart/core'
import type { TimerName } from '@paychart/core/machine'

type MaybePromise<T> = T | Promise<T>

/** A payment row as the adapter really wrote it. */
export interface RawPayment {
  readonly version: number
  readonly state: PaymentState
  /** The stored snapshot as JSON text (however the adapter keeps it: a TEXT or JSONB column, a Redis hash field). */
  readonly snapshotJson: string
  readonly merchantReference?: string
  readonly paymentId?: string
  readonly paymentSessionId?: string
  readonly createdAt: number
  readonly updatedAt: number
}

export interface RawOutboxRow {
  readonly commandId: string
  readonly paymentRequestId: string
  readonly done: boolean
  readonly attempts: number
  readonly createdAt: number
  readonly leaseOwner?: string
  readonly leaseUntil?: number
}

export interface RawTimerRow {
  readonly paymentRequestId: string
  readonly timer: TimerName
  readonly dueAt: number
  readonly leaseOwner?: string
  readonly leaseUntil?: number
}

export interface RawEventRow {
  readonly version: number
  readonly from: PaymentState
  readonly to: PaymentState
  /** The `PaymentEvent` as JSON text. */
  readonly eventJson: string
}

/** A notification key the store keeps: committed with an event (`unmatched: false`) or kept for review. */
export interface RawNotificationRow {
  readonly key: string
  readonly unmatched: boolean
}

/**
 * What an adapter really wrote, read past its own API (plain SQL, HGETALL, the memory store's tables): the suite
 * checks every write through it, so a store whose read path hides a bad write still fails. Rows may come in any
 * order; the suite sorts them. Every method may be async.
 */
export interface RawReader {
  readonly payment: (paymentRequestId: string) => MaybePromise<RawPayment | undefined>
  readonly outbox: () => MaybePromise<ReadonlyArray<RawOutboxRow>>
  readonly timers: () => MaybePromise<ReadonlyArray<RawTimerRow>>
  readonly events: (paymentRequestId: string) => MaybePromise<ReadonlyArray<RawEventRow>>
  readonly notifications: () => MaybePromise<ReadonlyArray<RawNotificationRow>>
  /** Every stored row of every table as text, for scans such as "no card number anywhere". */
  readonly dump: () => MaybePromise<string>
}
