import type { PaymentState } from '@paychart/core'
import type { TimerName } from '@paychart/core/machine'
import { PAYMENT_SQL as SQL } from './payment-sql.js'
import type { PaymentSummary } from './summary.js'
import type { SqlStorage } from './workers-types.js'

interface SummaryRow {
  readonly payment_request_id: string
  readonly state: string
  readonly merchant_reference: string | null
  readonly payment_id: string | null
  readonly payment_session_id: string | null
  readonly updated_at: number
  readonly state_since: number
  readonly prefix: string
  readonly revision: number
  readonly indexed_revision: number
  readonly oldest_done_at: number | null
}

/** Where this payment's index is, and whether it has seen the latest revision. */
export interface SyncState {
  readonly prefix: string
  readonly revision: number
  readonly indexedRevision: number
}

const present = <K extends string, V>(key: K, value: V | null) =>
  (value === null ? {} : { [key]: value }) as { readonly [P in K]?: V }

/** The payment's summary for its index, read in one go; undefined when the object holds no payment. */
export const readSummary = (sql: SqlStorage): { summary: PaymentSummary; sync: SyncState } | undefined => {
  const [row] = sql.exec<SummaryRow>(SQL.summary).toArray()
  if (row === undefined) return undefined
  const summary: PaymentSummary = {
    paymentRequestId: row.payment_request_id,
    revision: row.revision,
    state: row.state as PaymentState,
    ...present('merchantReference', row.merchant_reference),
    ...present('paymentId', row.payment_id),
    ...present('paymentSessionId', row.payment_session_id),
    updatedAt: row.updated_at,
    stateSince: row.state_since,
    ...present('oldestDoneAt', row.oldest_done_at),
    pendingCommands: sql
      .exec<{ command_id: string; created_at: number }>(SQL.pendingCommands)
      .toArray()
      .map((r) => ({ commandId: r.command_id, createdAt: r.created_at })),
    timers: sql
      .exec<{ timer: string; due_at: number }>(SQL.timerDueTimes)
      .toArray()
      .map((r) => ({ timer: r.timer as TimerName, dueAt: r.due_at })),
    notificationKeys: sql.exec<{ key: string; at: number }>(SQL.notificationKeys).toArray(),
  }
  return { summary, sync: { prefix: row.prefix, revision: row.revision, indexedRevision: row.indexed_revision } }
}
