import type { Commit, NewPayment } from './commit.js'
import { PaymentExists, PaymentNotFound, VersionConflict } from './errors.js'
import { frozen } from './frozen.js'
import { timerKey, type WritableTables } from './memory-tables.js'
import { newOutboxItems } from './new-outbox.js'
import type { StoredPayment } from './records.js'
import { timersRemovedBy } from './removed-timers.js'

const index = (map: Map<string, string>, previous: string | undefined, next: string | undefined, id: string) => {
  if (previous === next) return
  if (previous !== undefined && map.get(previous) === id) map.delete(previous)
  if (next !== undefined) map.set(next, id)
}

/** Writes a new payment at version 1, or fails with `PaymentExists` and writes nothing. */
export const insertPayment = (tables: WritableTables, payment: NewPayment): StoredPayment | PaymentExists => {
  const id = payment.paymentRequestId
  if (tables.payments.has(id)) return new PaymentExists({ paymentRequestId: id })
  const stored: StoredPayment = frozen({
    paymentRequestId: id,
    version: 1,
    state: payment.state,
    snapshot: payment.snapshot,
    ...(payment.merchantReference === undefined ? {} : { merchantReference: payment.merchantReference }),
    createdAt: payment.at,
    updatedAt: payment.at,
  })
  tables.payments.set(id, stored)
  tables.events.set(id, [])
  index(tables.byMerchantReference, undefined, stored.merchantReference, id)
  return stored
}

const nextPayment = (current: StoredPayment, commit: Commit): StoredPayment => {
  const paymentId = commit.paymentId ?? current.paymentId
  const paymentSessionId = commit.paymentSessionId ?? current.paymentSessionId
  return frozen({
    paymentRequestId: current.paymentRequestId,
    version: current.version + 1,
    state: commit.state,
    snapshot: commit.snapshot,
    ...(current.merchantReference === undefined ? {} : { merchantReference: current.merchantReference }),
    ...(paymentId === undefined ? {} : { paymentId }),
    ...(paymentSessionId === undefined ? {} : { paymentSessionId }),
    createdAt: current.createdAt,
    updatedAt: commit.at,
  })
}

const writeTimers = (tables: WritableTables, commit: Commit) => {
  const id = commit.paymentRequestId
  for (const timer of timersRemovedBy(commit)) tables.timers.delete(timerKey(id, timer))
  for (const timer of commit.scheduleTimers) {
    tables.timers.set(timerKey(timer.paymentRequestId, timer.timer), frozen(timer))
  }
}

const writeOutbox = (tables: WritableTables, commit: Commit) => {
  for (const item of newOutboxItems(commit)) {
    if (!tables.outbox.has(item.commandId)) tables.outbox.set(item.commandId, frozen({ ...item, done: false }))
  }
  const completed = commit.completesCommand === undefined ? undefined : tables.outbox.get(commit.completesCommand)
  if (completed !== undefined && !completed.done) {
    tables.outbox.set(completed.commandId, frozen({ ...completed, done: true }))
  }
}

/**
 * Checks the version, then writes every part of the commit. Nothing runs between the check and the writes and
 * nothing in the writes can fail, so the commit is atomic: all of it is written, or (on an error) none of it.
 */
export const applyCommit = (
  tables: WritableTables,
  commit: Commit,
): StoredPayment | VersionConflict | PaymentNotFound => {
  const id = commit.paymentRequestId
  const current = tables.payments.get(id)
  if (current === undefined) return new PaymentNotFound({ paymentRequestId: id })
  const keySeen = commit.notificationKey !== undefined && tables.notifications.has(commit.notificationKey)
  if (current.version !== commit.expectedVersion || keySeen) {
    return new VersionConflict({
      paymentRequestId: id,
      expectedVersion: commit.expectedVersion,
      actualVersion: current.version,
    })
  }
  const next = nextPayment(current, commit)
  const event = frozen(commit.event)
  tables.payments.set(id, next)
  index(tables.byPaymentId, current.paymentId, next.paymentId, id)
  index(tables.byPaymentSessionId, current.paymentSessionId, next.paymentSessionId, id)
  tables.events.set(id, [...(tables.events.get(id) ?? []), event])
  writeOutbox(tables, commit)
  writeTimers(tables, commit)
  if (commit.notificationKey !== undefined) {
    tables.notifications.set(commit.notificationKey, {
      key: commit.notificationKey,
      paymentRequestId: id,
      at: commit.at,
    })
  }
  return next
}
