import { PaymentExists, PaymentStore, type StoreUnavailable } from '@paychart/core'
import type {
  ClaimOptions,
  FindKey,
  InboundNotification,
  NewPayment,
  PaymentStoreShape,
  PruneOptions,
  PruneReport,
} from '@paychart/core/store'
import { SqliteRows } from '@paychart/core/store'
import * as Effect from 'effect/Effect'
import * as Layer from 'effect/Layer'
import { readBacklog } from './backlog.js'
import { claimCommand, claimCommands, claimTimers } from './claims.js'
import { openConnection } from './connection.js'
import type { SqliteConnection } from './driver/connection.js'
import { attempt, unavailable } from './driver-errors.js'
import { SchemaTooNew } from './errors.js'
import { groupCommit } from './group-commit.js'
import { completingFirst, type HeldCompletions, heldCompletions } from './held-completions.js'
import { migrate } from './migrate.js'
import { pageSizeOf, type SqliteStoreOptions } from './options.js'
import { prepareStatements, type Statements } from './statements.js'
import { writeCompletions } from './write-commit.js'

export interface SqliteStore {
  readonly store: PaymentStoreShape
  readonly layer: Layer.Layer<PaymentStore>
  /** The connection, on whichever driver opened it: for checkpoints and your own queries (`native` for backups). */
  readonly database: SqliteConnection
  /** Writes now the completions waiting to ride with the next transaction (`close` does too). */
  readonly flushCompletions: () => void
  /**
   * Writes the completions still waiting, then closes the connection (idempotent); the store's operations fail with
   * `StoreUnavailable` after it.
   */
  readonly close: () => void
}

const findRow = (sql: Statements, key: FindKey) =>
  'merchantReference' in key
    ? sql.findByMerchantReference.get(key.merchantReference)
    : 'paymentId' in key
      ? sql.findByPaymentId.get(key.paymentId)
      : sql.findByPaymentSessionId.get(key.paymentSessionId)

/** A refusal the work returned (a tagged error such as `VersionConflict`) fails the effect; a driver error already did. */
const settle = <T>(
  work: Effect.Effect<T, StoreUnavailable>,
): Effect.Effect<Exclude<T, Error>, Extract<T, Error> | StoreUnavailable> =>
  Effect.flatMap(work, (value) =>
    value instanceof Error ? Effect.fail(value as Extract<T, Error>) : Effect.succeed(value as Exclude<T, Error>),
  )

/** Completions ride with the next write transaction; those none carried are written alone, without a flush. */
const holdCompletions = (
  db: SqliteConnection,
  sql: Statements,
  synchronous: 'FULL' | 'NORMAL',
  rideMs: number,
): HeldCompletions => {
  const markDone = db.transaction((commandIds: ReadonlyArray<string>) => writeCompletions(sql, commandIds))
  // Without its own flush to disk: in WAL mode the next synchronous commit flushes these with it. Lost in a power
  // cut, the items only run again (the outbox is at-least-once); every other write keeps the chosen level.
  return heldCompletions((commandIds) => {
    if (synchronous === 'NORMAL') return markDone.immediate(commandIds)
    db.exec('PRAGMA synchronous = NORMAL')
    try {
      markDone.immediate(commandIds)
    } finally {
      db.exec(`PRAGMA synchronous = ${synchronous}`)
    }
  }, rideMs)
}

const makeStore = (db: SqliteConnection, sql: Statements, completions: HeldCompletions): PaymentStoreShape => {
  // Claims and prune write the held completions first, in their own transaction: a claim never sees one undone.
  const completing = completingFirst(db, sql, completions)
  const create = db.transaction((payment: NewPayment) => {
    const row = sql.insertPayment.get(
      payment.paymentRequestId,
      payment.state,
      JSON.stringify(payment.snapshot),
      payment.merchantReference ?? null,
      payment.at,
      payment.at,
    )
    return row === undefined
      ? new PaymentExists({ paymentRequestId: payment.paymentRequestId })
      : SqliteRows.toPayment(row)
  })
  const commit = groupCommit(db, sql, completing)
  const claimMany = completing((options: ClaimOptions) => claimCommands(sql, options))
  const claimOne = completing((commandId: string, options: Omit<ClaimOptions, 'limit'>) =>
    claimCommand(sql, commandId, options),
  )
  const claimDue = db.transaction(claimTimers)
  const complete = (commandId: string) => {
    // Holding one for a closed connection would lose it silently: refused as any other write on it.
    if (!db.open) throw new TypeError('The database connection is not open')
    completions.add(commandId)
  }
  const keepUnmatched = db.transaction((n: InboundNotification) => {
    sql.insertUnmatched.run(n.key, n.receivedAt, n.notifyType, n.paymentRequestId ?? null, n.body)
  })
  const prune = completing((options: PruneOptions): PruneReport => {
    const logs = options.eventLogs
    return {
      commands: sql.pruneCommands.run(options.doneCommandsBefore).changes,
      notifications: sql.pruneNotifications.run(options.notificationsBefore).changes,
      unmatched: sql.pruneUnmatched.run(options.notificationsBefore).changes,
      events: logs === undefined ? 0 : sql.pruneEvents.run(JSON.stringify(logs.states), logs.before).changes,
    }
  })

  const backlog = db.transaction(readBacklog)

  return {
    create: (payment) => settle(attempt('create', () => create.immediate(payment))),
    load: (paymentRequestId) =>
      attempt('load', () => {
        const row = sql.loadPayment.get(paymentRequestId)
        return row === undefined ? undefined : SqliteRows.toPayment(row)
      }),
    commit,
    find: (key) =>
      attempt('find', () => {
        const row = findRow(sql, key)
        return row === undefined ? undefined : SqliteRows.toPayment(row)
      }),
    events: (paymentRequestId) => attempt('events', () => sql.events.all(paymentRequestId).map(SqliteRows.toEvent)),
    claimCommands: (options) => attempt('claimCommands', () => claimMany(options)),
    claimCommand: (commandId, options) => attempt('claimCommand', () => claimOne(commandId, options)),
    completeCommand: (commandId) => attempt('completeCommand', () => complete(commandId)),
    claimTimers: (options) => attempt('claimTimers', () => claimDue.immediate(sql, options)),
    pendingTimers: (paymentRequestId) =>
      attempt('pendingTimers', () => sql.pendingTimers.all(paymentRequestId).map(SqliteRows.toTimer)),
    hasNotification: (key) => attempt('hasNotification', () => sql.hasNotification.get(key) !== undefined),
    recordUnmatchedNotification: (notification) =>
      attempt('recordUnmatchedNotification', () => keepUnmatched.immediate(notification)),
    unmatchedNotifications: () =>
      attempt('unmatchedNotifications', () => sql.unmatched.all().map(SqliteRows.toUnmatched)),
    prune: (options) => attempt('prune', () => prune(options)),
    backlog: (options) =>
      attempt('backlog', () => {
        completions.flush()
        return backlog.deferred(sql, options)
      }),
  }
}

/**
 * Opens (creating if needed) a store in an SQLite file: WAL, the busy timeout, foreign keys, then the pending
 * migrations, each in its own immediate transaction. Synchronous, like the driver. Throws `SchemaTooNew` when a
 * newer version of this package migrated the file, and `StoreUnavailable` when it cannot be opened.
 */
export const openSqliteStore = (options: SqliteStoreOptions): SqliteStore => {
  // A page size SQLite does not allow is the caller's RangeError, not a StoreUnavailable from the open below.
  pageSizeOf(options)
  let db: SqliteConnection | undefined
  try {
    db = openConnection(options)
    migrate(db, options.filename, Date.now)
    const sql = prepareStatements(db)
    const completions = holdCompletions(db, sql, options.synchronous ?? 'FULL', options.completionRideMs ?? 10)
    const store = makeStore(db, sql, completions)
    const database = db
    return {
      store,
      layer: Layer.succeed(PaymentStore, store),
      database,
      flushCompletions: completions.flush,
      close: () => {
        if (!database.open) return
        try {
          completions.flush()
        } catch {
          // Not written: their items only run again, as after a crash.
        }
        database.close()
      },
    }
  } catch (error) {
    if (db?.open) db.close()
    throw error instanceof SchemaTooNew ? error : unavailable('open', error)
  }
}

/** The store as a layer: opened when the layer is built, closed when its scope closes. */
export const sqliteStoreLayer = (
  options: SqliteStoreOptions,
): Layer.Layer<PaymentStore, SchemaTooNew | StoreUnavailable> => {
  // As in `openSqliteStore`: thrown when the layer is made, not typed as a failure to open.
  pageSizeOf(options)
  return Layer.effect(
    PaymentStore,
    Effect.acquireRelease(
      Effect.try({
        try: () => openSqliteStore(options),
        catch: (error) => (error instanceof SchemaTooNew ? error : unavailable('open', error)),
      }),
      (opened) => Effect.sync(opened.close),
    ).pipe(Effect.map((opened) => opened.store)),
  )
}
