import { PaymentNotFound } from '@paychart/core'
import {
  type Commit,
  newOutboxItems,
  SqliteRows,
  type StoredPayment,
  timersRemovedBy,
  VersionConflict,
} from '@paychart/core/store'
import type { Statements } from './statements.js'

/** Marks outbox items done; those done already or unknown are left as they are. */
export const writeCompletions = (sql: Statements, commandIds: ReadonlyArray<string>) => {
  for (const commandId of commandIds) sql.completeCommand.run(commandId)
}

const writeTimers = (sql: Statements, commit: Commit) => {
  const id = commit.paymentRequestId
  for (const timer of timersRemovedBy(commit)) sql.deleteTimer.run(id, timer)
  for (const timer of commit.scheduleTimers) sql.scheduleTimer.run(timer.paymentRequestId, timer.timer, timer.dueAt)
}

/** Whether `commit` names a gateway id the row does not hold yet: most commits name the ids it holds already. */
const learnsIds = (row: SqliteRows.PaymentRow, commit: Commit): boolean =>
  (commit.paymentId !== undefined && row.payment_id !== commit.paymentId) ||
  (commit.paymentSessionId !== undefined && row.payment_session_id !== commit.paymentSessionId)

/**
 * One commit, to run inside an immediate transaction: the compare-and-set on the version (and on the notification key
 * not being committed yet) first, then every write. A mismatch or an unknown payment returns before anything is
 * written; a driver error throws, and the transaction rolls all of it back.
 */
export const writeCommit = (sql: Statements, commit: Commit): StoredPayment | VersionConflict | PaymentNotFound => {
  const id = commit.paymentRequestId
  const keySeen = commit.notificationKey !== undefined && sql.hasNotification.get(commit.notificationKey) !== undefined
  const moved = keySeen
    ? undefined
    : sql.updatePayment.get({
        id,
        expected: commit.expectedVersion,
        state: commit.state,
        snapshot: JSON.stringify(commit.snapshot),
        at: commit.at,
      })
  const row =
    moved !== undefined && learnsIds(moved, commit)
      ? (sql.learnIds.get({
          id,
          paymentId: commit.paymentId ?? null,
          paymentSessionId: commit.paymentSessionId ?? null,
        }) ?? moved)
      : moved
  if (row === undefined) {
    const current = sql.paymentVersion.get(id)
    if (current === undefined) return new PaymentNotFound({ paymentRequestId: id })
    return new VersionConflict({
      paymentRequestId: id,
      expectedVersion: commit.expectedVersion,
      actualVersion: current.version,
    })
  }
  const { event } = commit
  sql.insertEvent.run(
    id,
    event.version,
    event.at,
    JSON.stringify(event.event),
    event.from,
    event.to,
    JSON.stringify(event.commands),
  )
  for (const item of newOutboxItems(commit)) {
    sql.insertOutbox.run(
      item.commandId,
      item.paymentRequestId,
      JSON.stringify(item.command),
      item.createdAt,
      item.attempts,
      item.lease?.owner ?? null,
      item.lease?.leaseUntil ?? null,
    )
  }
  if (commit.completesCommand !== undefined) sql.completeCommand.run(commit.completesCommand)
  writeTimers(sql, commit)
  if (commit.notificationKey !== undefined) sql.insertNotification.run(commit.notificationKey, id, commit.at)
  return SqliteRows.toPayment(row)
}
