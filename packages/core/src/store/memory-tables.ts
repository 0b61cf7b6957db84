import type { TimerName } from '../machine/events.js'
import type { EventLogEntry, InboundNotification, Lease, OutboxItem, StoredPayment, TimerItem } from './records.js'

export interface OutboxRow extends OutboxItem {
  readonly done: boolean
  readonly lease?: Lease
}

export interface TimerRow extends TimerItem {
  readonly lease?: Lease
}

/** A notification key committed with an event, and the payment it settled. */
export interface NotificationRow {
  readonly key: string
  readonly paymentRequestId: string
  readonly at: number
}

/**
 * The memory store's tables, read-only: what it really holds, for tests that look past its API. Every row is a
 * frozen copy; the maps are live (they show later writes).
 */
export interface MemoryTables {
  readonly payments: ReadonlyMap<string, StoredPayment>
  /** Per payment, in commit order. */
  readonly events: ReadonlyMap<string, ReadonlyArray<EventLogEntry>>
  /** By commandId, in insertion order. */
  readonly outbox: ReadonlyMap<string, OutboxRow>
  /** By `timerKey(paymentRequestId, timer)`. */
  readonly timers: ReadonlyMap<string, TimerRow>
  readonly notifications: ReadonlyMap<string, NotificationRow>
  readonly unmatched: ReadonlyMap<string, InboundNotification>
  /** Index value → paymentRequestId. */
  readonly byMerchantReference: ReadonlyMap<string, string>
  readonly byPaymentId: ReadonlyMap<string, string>
  readonly byPaymentSessionId: ReadonlyMap<string, string>
}

/** The same tables, writable: only the memory store holds this view. */
export type WritableTables = {
  readonly [K in keyof MemoryTables]: MemoryTables[K] extends ReadonlyMap<infer Key, infer Value>
    ? Map<Key, Value>
    : never
}

export const emptyTables = (): WritableTables => ({
  payments: new Map(),
  events: new Map(),
  outbox: new Map(),
  timers: new Map(),
  notifications: new Map(),
  unmatched: new Map(),
  byMerchantReference: new Map(),
  byPaymentId: new Map(),
  byPaymentSessionId: new Map(),
})

export const timerKey = (paymentRequestId: string, timer: TimerName): string => `${paymentRequestId}\u0000${timer}`
