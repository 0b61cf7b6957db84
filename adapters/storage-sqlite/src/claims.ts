import type { Claimed, ClaimOptions, OutboxItem, TimerItem } from '@paychart/core/store'
import { SqliteRows } from '@paychart/core/store'
import type { Statements } from './statements.js'

// Each of these runs inside an immediate transaction: the rows it picks cannot be leased by another connection
// between the read and the lease.

export const claimCommands = (sql: Statements, options: ClaimOptions): ReadonlyArray<Claimed<OutboxItem>> => {
  if (options.limit <= 0) return []
  const leaseUntil = options.now + options.leaseMs
  return sql.claimableCommands.all(options.now, options.limit).map((row) => {
    sql.leaseCommand.run(options.owner, leaseUntil, row.command_id)
    return SqliteRows.withLease(
      { ...SqliteRows.toOutboxItem(row), attempts: row.attempts + 1 },
      options.owner,
      leaseUntil,
    )
  })
}

export const claimCommand = (
  sql: Statements,
  commandId: string,
  options: Omit<ClaimOptions, 'limit'>,
): Claimed<OutboxItem> | undefined => {
  const row = sql.claimableCommand.get(commandId, options.now)
  if (row === undefined) return undefined
  const leaseUntil = options.now + options.leaseMs
  sql.leaseCommand.run(options.owner, leaseUntil, commandId)
  return SqliteRows.withLease(
    { ...SqliteRows.toOutboxItem(row), attempts: row.attempts + 1 },
    options.owner,
    leaseUntil,
  )
}

export const claimTimers = (sql: Statements, options: ClaimOptions): ReadonlyArray<Claimed<TimerItem>> => {
  if (options.limit <= 0) return []
  const leaseUntil = options.now + options.leaseMs
  return sql.claimableTimers.all(options.now, options.now, options.limit).map((row) => {
    sql.leaseTimer.run(options.owner, leaseUntil, row.payment_request_id, row.timer)
    return SqliteRows.withLease(SqliteRows.toTimer(row), options.owner, leaseUntil)
  })
}
