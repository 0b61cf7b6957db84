import type { TimerName } from '../machine/events.js'
import type { PaymentState } from '../machine/state.js'
import type { Claimed, EventLogEntry, InboundNotification, OutboxItem, StoredPayment, TimerItem } from './records.js'

/**
 * The rows of the schema the SQLite stores share (`@paychart/storage-sqlite` on a file, `@paychart/storage-cloudflare` in
 * Durable Objects), as their drivers return them: snake_case columns, JSON as text, booleans as 0/1, absent values as
 * null; and what they map to.
 */
export interface PaymentRow {
  readonly payment_request_id: string
  readonly version: number
  readonly state: string
  readonly snapshot: string
  readonly merchant_reference: string | null
  readonly payment_id: string | null
  readonly payment_session_id: string | null
  readonly created_at: number
  readonly updated_at: number
}

export interface EventRow {
  readonly payment_request_id: string
  readonly version: number
  readonly at: number
  readonly event: string
  readonly from_state: string
  readonly to_state: string
  readonly commands: string
}

export interface OutboxRow {
  readonly command_id: string
  readonly payment_request_id: string
  readonly command: string
  readonly created_at: number
  readonly attempts: number
  readonly done: number
  readonly lease_owner: string | null
  readonly lease_until: number | null
}

export interface TimerRow {
  readonly payment_request_id: string
  readonly timer: string
  readonly due_at: number
  readonly lease_owner: string | null
  readonly lease_until: number | null
}

export interface UnmatchedRow {
  readonly key: string
  readonly received_at: number
  readonly notify_type: string
  readonly payment_request_id: string | null
  readonly body: string
}

const optional = <K extends string>(key: K, value: string | null): { readonly [P in K]?: string } =>
  (value === null ? {} : { [key]: value }) as { readonly [P in K]?: string }

// Every record is built from the row's text: a fresh object per read, sharing nothing with the store or a caller.

export const toPayment = (row: PaymentRow): StoredPayment => ({
  paymentRequestId: row.payment_request_id,
  version: row.version,
  state: row.state as PaymentState,
  snapshot: JSON.parse(row.snapshot),
  ...optional('merchantReference', row.merchant_reference),
  ...optional('paymentId', row.payment_id),
  ...optional('paymentSessionId', row.payment_session_id),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

export const toEvent = (row: EventRow): EventLogEntry => ({
  paymentRequestId: row.payment_request_id,
  version: row.version,
  at: row.at,
  event: JSON.parse(row.event),
  from: row.from_state as PaymentState,
  to: row.to_state as PaymentState,
  commands: JSON.parse(row.commands),
})

export const toOutboxItem = (row: OutboxRow): OutboxItem => ({
  commandId: row.command_id,
  paymentRequestId: row.payment_request_id,
  command: JSON.parse(row.command),
  createdAt: row.created_at,
  attempts: row.attempts,
})

export const toTimer = (row: TimerRow): TimerItem => ({
  paymentRequestId: row.payment_request_id,
  timer: row.timer as TimerName,
  dueAt: row.due_at,
})

export const toUnmatched = (row: UnmatchedRow): InboundNotification => ({
  key: row.key,
  receivedAt: row.received_at,
  notifyType: row.notify_type,
  ...optional('paymentRequestId', row.payment_request_id),
  body: row.body,
})

export const withLease = <T>(item: T, owner: string, leaseUntil: number): Claimed<T> => ({
  ...item,
  lease: { owner, leaseUntil },
})
