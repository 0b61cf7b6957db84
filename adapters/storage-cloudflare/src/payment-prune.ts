import type { PruneOptions } from '@paychart/core/store'
import { PAYMENT_SQL as SQL } from './payment-sql.js'
import type { SqlStorage } from './workers-types.js'

/** What prune removed from one payment object. */
export interface PaymentPruned {
  readonly commands: number
  readonly notifications: number
  readonly events: number
}

const finalAndOld = (sql: SqlStorage, logs: NonNullable<PruneOptions['eventLogs']>): boolean => {
  const [row] = sql.exec<{ state: string; updated_at: number }>('SELECT state, updated_at FROM payment').toArray()
  return row !== undefined && row.updated_at < logs.before && logs.states.some((state) => state === row.state)
}

/** `prune` inside one payment object, to run inside `transactionSync`: never its row, a timer or pending work. */
export const prunePayment = (sql: SqlStorage, options: PruneOptions): PaymentPruned => {
  const logs = options.eventLogs
  const pruned = {
    commands: sql.exec(SQL.pruneCommands, options.doneCommandsBefore).toArray().length,
    notifications: sql.exec(SQL.pruneNotifications, options.notificationsBefore).toArray().length,
    events: logs !== undefined && finalAndOld(sql, logs) ? sql.exec(SQL.pruneEvents).toArray().length : 0,
  }
  if (pruned.commands + pruned.notifications > 0) sql.exec(SQL.bumpRevision)
  return pruned
}
