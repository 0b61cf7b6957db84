import type { PaymentState } from '@paychart/core'
import type { PersistedPayment, TimerName } from '@paychart/core/machine'
import type {
  Claimed,
  EventLogEntry,
  InboundNotification,
  Lease,
  OutboxItem,
  StoredPayment,
  TimerItem,
} from '@paychart/core/store'

/** A bigint column as pg hands it over (text, so nothing is lost), read back as the milliseconds it holds. */
export type Int8 = string

export const millis = (value: Int8): number => {
  const parsed = Number(value)
  if (!Number.isSafeInteger(parsed)) throw new RangeError(`a stored time is not a safe integer: ${value}`)
  return parsed
}

export interface PaymentRow {
  readonly payment_request_id: string
  readonly version: number
  readonly state: string
  readonly snapshot: unknown
  readonly merchant_reference: string | null
  readonly payment_id: string | null
  readonly payment_session_id: string | null
  readonly created_at: Int8
  readonly updated_at: Int8
}

/** The optional string fields of a row, without the ones that are NULL. */
const present = <K extends string>(fields: Record<K, string | null>): Partial<Record<K, string>> => {
  const out: Partial<Record<K, string>> = {}
  for (const [key, value] of Object.entries(fields) as Array<[K, string | null]>) if (value !== null) out[key] = value
  return out
}

export const storedPayment = (row: PaymentRow): StoredPayment => ({
  paymentRequestId: row.payment_request_id,
  version: row.version,
  state: row.state as PaymentState,
  snapshot: row.snapshot as PersistedPayment,
  ...present({
    merchantReference: row.merchant_reference,
    paymentId: row.payment_id,
    paymentSessionId: row.payment_session_id,
  }),
  createdAt: millis(row.created_at),
  updatedAt: millis(row.updated_at),
})

export interface EventRow {
  readonly payment_request_id: string
  readonly version: number
  readonly at: Int8
  readonly from_state: string
  readonly to_state: string
  readonly event: unknown
  readonly commands: unknown
}

export const eventLogEntry = (row: EventRow): EventLogEntry => ({
  paymentRequestId: row.payment_request_id,
  version: row.version,
  at: millis(row.at),
  event: row.event as EventLogEntry['event'],
  from: row.from_state as PaymentState,
  to: row.to_state as PaymentState,
  commands: row.commands as EventLogEntry['commands'],
})

export interface OutboxRow {
  readonly command_id: string
  readonly payment_request_id: string
  readonly command: unknown
  readonly created_at: Int8
  readonly attempts: number
}

export const claimedCommand = (row: OutboxRow, lease: Lease): Claimed<OutboxItem> => ({
  commandId: row.command_id,
  paymentRequestId: row.payment_request_id,
  command: row.command as OutboxItem['command'],
  createdAt: millis(row.created_at),
  attempts: row.attempts,
  lease,
})

export interface TimerRow {
  readonly payment_request_id: string
  readonly timer: string
  readonly due_at: Int8
}

export const timerItem = (row: TimerRow): TimerItem => ({
  paymentRequestId: row.payment_request_id,
  timer: row.timer as TimerName,
  dueAt: millis(row.due_at),
})

export interface UnmatchedRow {
  readonly key: string
  readonly received_at: Int8
  readonly notify_type: string
  readonly payment_request_id: string | null
  readonly body: string
}

export const inboundNotification = (row: UnmatchedRow): InboundNotification => ({
  key: row.key,
  receivedAt: millis(row.received_at),
  notifyType: row.notify_type,
  ...present({ paymentRequestId: row.payment_request_id }),
  body: row.body,
})

/** Oldest first, as the memory store orders a claim: a time, then an id compared as JS strings. */
export const byTimeThenId =
  <T>(time: (item: T) => number, id: (item: T) => string) =>
  (a: T, b: T) =>
    time(a) - time(b) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0)
