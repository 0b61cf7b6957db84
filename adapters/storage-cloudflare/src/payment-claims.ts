import type { Claimed, ClaimOptions, OutboxItem, TimerItem } from '@paychart/core/store'
import { SqliteRows } from '@paychart/core/store'
import { PAYMENT_SQL as SQL } from './payment-sql.js'
import type { SqlStorage } from './workers-types.js'

export type LeaseRequest = Omit<ClaimOptions, 'limit'>

// Each of these runs inside `transactionSync`: the object runs one at a time, so the rows it picks cannot be leased
// by anyone else between the read and the lease.

/** Leases the named command when it is not done and no live lease holds it. */
export const claimCommand = (
  sql: SqlStorage,
  commandId: string,
  request: LeaseRequest,
): Claimed<OutboxItem> | undefined => {
  const [row] = sql.exec<SqliteRows.OutboxRow>(SQL.claimableCommand, commandId, request.now).toArray()
  if (row === undefined) return undefined
  const leaseUntil = request.now + request.leaseMs
  sql.exec(SQL.leaseCommand, request.owner, leaseUntil, commandId)
  return SqliteRows.withLease(
    { ...SqliteRows.toOutboxItem(row), attempts: row.attempts + 1 },
    request.owner,
    leaseUntil,
  )
}

/** Leases those of the named commands that are free, in the order given. */
export const claimCommands = (
  sql: SqlStorage,
  commandIds: ReadonlyArray<string>,
  request: LeaseRequest,
): ReadonlyArray<Claimed<OutboxItem>> => commandIds.flatMap((commandId) => claimCommand(sql, commandId, request) ?? [])

/** Leases those of the named timers that are due and free, in the order given. */
export const claimTimers = (
  sql: SqlStorage,
  timers: ReadonlyArray<string>,
  request: LeaseRequest,
): ReadonlyArray<Claimed<TimerItem>> => {
  const leaseUntil = request.now + request.leaseMs
  return timers.flatMap((timer) => {
    const [row] = sql.exec<SqliteRows.TimerRow>(SQL.claimableTimer, timer, request.now, request.now).toArray()
    if (row === undefined) return []
    sql.exec(SQL.leaseTimer, request.owner, leaseUntil, timer)
    return [SqliteRows.withLease(SqliteRows.toTimer(row), request.owner, leaseUntil)]
  })
}
