import type { PaymentState } from '@paychart/core'
import type { Backlog, Backlogged } from '@paychart/core/store'
import { type Int8, millis } from './rows.js'

/** The backlog statement's one row. */
export interface BacklogRow {
  readonly payments: Readonly<Record<string, number>>
  readonly pending_count: number
  readonly pending_oldest: Int8 | null
  readonly overdue_count: number
  readonly overdue_oldest: Int8 | null
  readonly unknown_count: number
  readonly unknown_oldest: Int8 | null
}

export const EMPTY_BACKLOG: Backlog = {
  payments: {},
  pendingCommands: { count: 0 },
  overdueTimers: { count: 0 },
  unknownOutcomes: { count: 0 },
}

const backlogged = (count: number, oldest: Int8 | null): Backlogged =>
  oldest === null ? { count } : { count, oldestAt: millis(oldest) }

export const toBacklog = (row: BacklogRow): Backlog => ({
  payments: row.payments as Partial<Record<PaymentState, number>>,
  pendingCommands: backlogged(row.pending_count, row.pending_oldest),
  overdueTimers: backlogged(row.overdue_count, row.overdue_oldest),
  unknownOutcomes: backlogged(row.unknown_count, row.unknown_oldest),
})
