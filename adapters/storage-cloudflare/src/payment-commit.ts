import {
  type Commit,
  type NewPayment,
  newOutboxItems,
  SqliteRows,
  type StoredPayment,
  timersRemovedBy,
} from '@paychart/core/store'
import { type Answer, accepted, type CommitRefusal, type CreateRefusal, refused } from './answers.js'
import { PAYMENT_SQL as SQL } from './payment-sql.js'
import type { SqlStorage } from './workers-types.js'

/** Writes a new payment at version 1 (with its index bookkeeping), or refuses with `PaymentExists`. */
export const insertPayment = (
  sql: SqlStorage,
  prefix: string,
  payment: NewPayment,
): Answer<StoredPayment, CreateRefusal> => {
  const [row] = sql
    .exec<SqliteRows.PaymentRow>(
      SQL.insertPayment,
      payment.paymentRequestId,
      payment.state,
      JSON.stringify(payment.snapshot),
      payment.merchantReference ?? null,
      payment.at,
      payment.at,
    )
    .toArray()
  if (row === undefined) return refused({ _tag: 'PaymentExists', paymentRequestId: payment.paymentRequestId })
  sql.exec(SQL.insertSync, prefix)
  return accepted(SqliteRows.toPayment(row))
}

const writeTimers = (sql: SqlStorage, commit: Commit) => {
  const id = commit.paymentRequestId
  for (const timer of timersRemovedBy(commit)) sql.exec(SQL.deleteTimer, id, timer)
  for (const timer of commit.scheduleTimers)
    sql.exec(SQL.scheduleTimer, timer.paymentRequestId, timer.timer, timer.dueAt)
}

const writeOutbox = (sql: SqlStorage, commit: Commit) => {
  for (const item of newOutboxItems(commit)) {
    sql.exec(
      SQL.insertOutbox,
      item.commandId,
      item.paymentRequestId,
      JSON.stringify(item.command),
      item.createdAt,
      item.attempts,
      item.lease?.owner ?? null,
      item.lease?.leaseUntil ?? null,
    )
  }
  if (commit.completesCommand !== undefined) sql.exec(SQL.completeCommand, commit.completesCommand)
}

/** Whether the commit's event moves the payment into the state it commits (the backlog's "since when"). */
const entersState = (commit: Commit): boolean => commit.event.to === commit.state && commit.event.from !== commit.state

const conflict = (sql: SqlStorage, commit: Commit): Answer<never, CommitRefusal> => {
  const [current] = sql.exec<{ version: number }>(SQL.paymentVersion).toArray()
  if (current === undefined) return refused({ _tag: 'PaymentNotFound', paymentRequestId: commit.paymentRequestId })
  return refused({
    _tag: 'VersionConflict',
    paymentRequestId: commit.paymentRequestId,
    expectedVersion: commit.expectedVersion,
    actualVersion: current.version,
  })
}

/**
 * One commit, to run inside `transactionSync`: the compare-and-set on the version (and on the notification key not
 * being committed yet) first, then every write. A refusal returns before anything is written; a storage error
 * throws, and the transaction rolls all of it back.
 */
export const writeCommit = (sql: SqlStorage, commit: Commit): Answer<StoredPayment, CommitRefusal> => {
  const id = commit.paymentRequestId
  const key = commit.notificationKey
  if (key !== undefined && sql.exec(SQL.hasNotification, key).toArray().length > 0) return conflict(sql, commit)
  const [row] = sql
    .exec<SqliteRows.PaymentRow>(
      SQL.updatePayment,
      commit.state,
      JSON.stringify(commit.snapshot),
      commit.paymentId ?? null,
      commit.paymentSessionId ?? null,
      commit.at,
      entersState(commit) ? 1 : 0,
      commit.event.at,
      commit.state,
      id,
      commit.expectedVersion,
    )
    .toArray()
  if (row === undefined) return conflict(sql, commit)
  const { event } = commit
  sql.exec(
    SQL.insertEvent,
    id,
    event.version,
    event.at,
    JSON.stringify(event.event),
    event.from,
    event.to,
    JSON.stringify(event.commands),
  )
  writeOutbox(sql, commit)
  writeTimers(sql, commit)
  if (key !== undefined) sql.exec(SQL.insertNotification, key, id, commit.at)
  sql.exec(SQL.bumpRevision)
  return accepted(SqliteRows.toPayment(row))
}
