import * as Effect from 'effect/Effect'
import * as Layer from 'effect/Layer'
import type { NewPayment } from './commit.js'
import { PaymentExists, PaymentNotFound, VersionConflict } from './errors.js'
import { frozen } from './frozen.js'
import { backlogOf } from './memory-backlog.js'
import { claimed, isFree, leaseOf, pickOldest } from './memory-claims.js'
import { applyCommit, insertPayment } from './memory-commit.js'
import { pruneTables } from './memory-prune.js'
import {
  emptyTables,
  type MemoryTables,
  type OutboxRow,
  type TimerRow,
  timerKey,
  type WritableTables,
} from './memory-tables.js'
import { type ClaimOptions, type FindKey, PaymentStore, type PaymentStoreShape } from './payment-store.js'
import type { Claimed, OutboxItem, TimerItem } from './records.js'

export interface MemoryStoreOptions {
  /** Another memory store's `raw`: this store becomes a second client over the same tables. */
  readonly shareTablesWith?: MemoryTables
}

export interface MemoryStore {
  readonly store: PaymentStoreShape
  readonly layer: Layer.Layer<PaymentStore>
  /** Its tables, read-only and live: what it really wrote, independent of its read paths. */
  readonly raw: MemoryTables
}

const owned = new WeakMap<MemoryTables, WritableTables>()

const outboxItem = (row: OutboxRow): OutboxItem => ({
  commandId: row.commandId,
  paymentRequestId: row.paymentRequestId,
  command: row.command,
  createdAt: row.createdAt,
  attempts: row.attempts,
})

const timerItem = (row: TimerRow): TimerItem => ({
  paymentRequestId: row.paymentRequestId,
  timer: row.timer,
  dueAt: row.dueAt,
})

const findIn = (tables: WritableTables, key: FindKey): string | undefined =>
  'merchantReference' in key
    ? tables.byMerchantReference.get(key.merchantReference)
    : 'paymentId' in key
      ? tables.byPaymentId.get(key.paymentId)
      : tables.byPaymentSessionId.get(key.paymentSessionId)

const claimCommandsIn = (tables: WritableTables, options: ClaimOptions): ReadonlyArray<Claimed<OutboxItem>> => {
  const lease = leaseOf(options)
  const rows = pickOldest(
    tables.outbox.values(),
    options,
    (row) => !row.done,
    (row) => [row.createdAt, row.commandId],
  )
  return rows.map((row) => {
    const next = frozen({ ...row, attempts: row.attempts + 1, lease })
    tables.outbox.set(row.commandId, next)
    return frozen(claimed(outboxItem(next), lease))
  })
}

const claimCommandIn = (
  tables: WritableTables,
  commandId: string,
  options: Omit<ClaimOptions, 'limit'>,
): Claimed<OutboxItem> | undefined => {
  const row = tables.outbox.get(commandId)
  if (row === undefined || row.done || !isFree(row, options.now)) return undefined
  const lease = leaseOf({ ...options, limit: 1 })
  const next = frozen({ ...row, attempts: row.attempts + 1, lease })
  tables.outbox.set(commandId, next)
  return frozen(claimed(outboxItem(next), lease))
}

const claimTimersIn = (tables: WritableTables, options: ClaimOptions): ReadonlyArray<Claimed<TimerItem>> => {
  const lease = leaseOf(options)
  const rows = pickOldest(
    tables.timers.values(),
    options,
    (row) => row.dueAt <= options.now,
    (row) => [row.dueAt, timerKey(row.paymentRequestId, row.timer)],
  )
  return rows.map((row) => {
    tables.timers.set(timerKey(row.paymentRequestId, row.timer), frozen({ ...row, lease }))
    return frozen(claimed(timerItem(row), lease))
  })
}

/**
 * A `PaymentStore` in memory, for tests, the demo and single-process tools. Every operation runs synchronously
 * inside one Effect step, so a commit's version check and its writes cannot interleave with another fiber's.
 * Rows are frozen all the way down: neither the objects a caller passed nor the ones it got back can change stored
 * data. What a caller passes is frozen in place, not copied (the engine hands it only objects of its own).
 * `find` by a merchantReference shared by several payments returns the one created last.
 */
export const makeMemoryStore = (options: MemoryStoreOptions = {}): MemoryStore => {
  const shared = options.shareTablesWith === undefined ? undefined : owned.get(options.shareTablesWith)
  if (options.shareTablesWith !== undefined && shared === undefined) {
    throw new TypeError('shareTablesWith must be the raw tables of another memory store')
  }
  const tables = shared ?? emptyTables()
  owned.set(tables, tables)

  const store: PaymentStoreShape = {
    create: (payment: NewPayment) =>
      Effect.suspend(() => {
        const result = insertPayment(tables, payment)
        return result instanceof PaymentExists ? Effect.fail(result) : Effect.succeed(result)
      }),
    load: (paymentRequestId) => Effect.sync(() => tables.payments.get(paymentRequestId)),
    commit: (commit) =>
      Effect.suspend(() => {
        const result = applyCommit(tables, commit)
        return result instanceof VersionConflict || result instanceof PaymentNotFound
          ? Effect.fail(result)
          : Effect.succeed(result)
      }),
    find: (key) =>
      Effect.sync(() => {
        const id = findIn(tables, key)
        return id === undefined ? undefined : tables.payments.get(id)
      }),
    events: (paymentRequestId) => Effect.sync(() => tables.events.get(paymentRequestId) ?? []),
    claimCommands: (claim) => Effect.sync(() => claimCommandsIn(tables, claim)),
    claimCommand: (commandId, claim) => Effect.sync(() => claimCommandIn(tables, commandId, claim)),
    completeCommand: (commandId) =>
      Effect.sync(() => {
        const row = tables.outbox.get(commandId)
        if (row !== undefined && !row.done) tables.outbox.set(commandId, frozen({ ...row, done: true }))
      }),
    claimTimers: (claim) => Effect.sync(() => claimTimersIn(tables, claim)),
    pendingTimers: (paymentRequestId) =>
      Effect.sync(() =>
        [...tables.timers.values()]
          .filter((row) => row.paymentRequestId === paymentRequestId)
          .sort((a, b) => a.dueAt - b.dueAt || (a.timer < b.timer ? -1 : 1))
          .map((row) => frozen(timerItem(row))),
      ),
    hasNotification: (key) => Effect.sync(() => tables.notifications.has(key)),
    recordUnmatchedNotification: (notification) =>
      Effect.sync(() => {
        if (!tables.unmatched.has(notification.key)) tables.unmatched.set(notification.key, frozen(notification))
      }),
    unmatchedNotifications: () =>
      Effect.sync(() => [...tables.unmatched.values()].filter(({ key }) => !tables.notifications.has(key))),
    prune: (options) => Effect.sync(() => pruneTables(tables, options)),
    backlog: (options) => Effect.sync(() => backlogOf(tables, options)),
  }
  return { store, layer: Layer.succeed(PaymentStore, store), raw: tables }
}
