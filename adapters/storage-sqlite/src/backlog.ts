import type { PaymentState } from '@paychart/core'
import type { Backlog, Backlogged, BacklogOptions } from '@paychart/core/store'
import type { Statements, Tally } from './statements.js'

const backlogged = ({ count, oldest }: Tally | undefined = { count: 0, oldest: null }): Backlogged =>
  oldest === null ? { count } : { count, oldestAt: oldest }

/** `backlog`: four reads, run together in one read transaction so that they see one moment. */
export const readBacklog = (sql: Statements, options: BacklogOptions): Backlog => ({
  payments: Object.fromEntries(sql.paymentsByState.all().map((row) => [row.state as PaymentState, row.count])),
  pendingCommands: backlogged(sql.pendingCommands.get()),
  overdueTimers: backlogged(sql.overdueTimers.get(options.now)),
  unknownOutcomes: backlogged(sql.unknownOutcomes.get(JSON.stringify(options.unknownOutcome))),
})
