import type { PaymentState } from '@paychart/core'
import type {
  Backlog,
  Backlogged,
  BacklogOptions,
  FindKey,
  InboundNotification,
  PruneOptions,
} from '@paychart/core/store'
import { SqliteRows } from '@paychart/core/store'
import { INDEX_SQL as SQL, unknownOutcomes, withOldLogs } from './index-sql.js'
import { migrate } from './migrate.js'
import { indexMigrations } from './migrations.js'
import type { PaymentSummary } from './summary.js'
import type {
  DurableObjectClass,
  DurableObjectState,
  DurableObjectStorage,
  SqlStorage,
  SqlValue,
} from './workers-types.js'

/** A pending command as the index knows it: where it lives and its age, not what it is. */
export interface CommandCandidate {
  readonly commandId: string
  readonly paymentRequestId: string
  readonly createdAt: number
}

/** A timer as the index knows it: whose it is and when it is due, not who holds it. */
export interface TimerCandidate {
  readonly paymentRequestId: string
  readonly timer: string
  readonly dueAt: number
}

/** What the store (and the payment objects) call on an index object over RPC. */
export interface PaymentIndexRpc {
  apply(summary: PaymentSummary): void
  find(key: FindKey): string | undefined
  commandPayment(commandId: string): string | undefined
  commandCandidates(after: CommandCandidate | undefined, limit: number): ReadonlyArray<CommandCandidate>
  timerCandidates(now: number, after: TimerCandidate | undefined, limit: number): ReadonlyArray<TimerCandidate>
  hasNotification(key: string): boolean
  recordUnmatched(notification: InboundNotification): void
  unmatched(): ReadonlyArray<InboundNotification>
  pruneTargets(options: PruneOptions): ReadonlyArray<string>
  prune(options: PruneOptions): { readonly unmatched: number }
  backlog(options: BacklogOptions): Backlog
}

interface Tally {
  readonly count: number
  readonly oldest: number | null
}

const backlogged = ({ count, oldest }: Tally): Backlogged => (oldest === null ? { count } : { count, oldestAt: oldest })

const ids = (sql: SqlStorage, query: string, ...bindings: ReadonlyArray<SqlValue>): ReadonlyArray<string> =>
  sql
    .exec<{ payment_request_id: string }>(query, ...bindings)
    .toArray()
    .map((row) => row.payment_request_id)

const firstId = (sql: SqlStorage, query: string, value: string): string | undefined => ids(sql, query, value)[0]

/** A list bound to `placeholders(count)`: an empty one binds a NULL, which no state equals. */
const states = (list: ReadonlyArray<PaymentState>): ReadonlyArray<SqlValue> => (list.length === 0 ? [null] : list)

/** Writes a payment's summary over the one it replaces; an older revision (arriving late) changes nothing. */
const applySummary = (sql: SqlStorage, summary: PaymentSummary): void => {
  const id = summary.paymentRequestId
  const [current] = sql.exec<{ revision: number }>(SQL.revision, id).toArray()
  if (current !== undefined && current.revision >= summary.revision) return
  sql.exec(
    SQL.upsertPayment,
    id,
    summary.revision,
    summary.state,
    summary.merchantReference ?? null,
    summary.paymentId ?? null,
    summary.paymentSessionId ?? null,
    summary.updatedAt,
    summary.stateSince,
    summary.oldestDoneAt ?? null,
  )
  sql.exec(SQL.clearCommands, id)
  for (const command of summary.pendingCommands) sql.exec(SQL.insertCommand, command.commandId, id, command.createdAt)
  sql.exec(SQL.clearTimers, id)
  for (const timer of summary.timers) sql.exec(SQL.insertTimer, id, timer.timer, timer.dueAt)
  for (const key of summary.notificationKeys) sql.exec(SQL.insertNotification, key.key, id, key.at)
}

export type PaymentIndexClass = new (ctx: DurableObjectState, env: unknown) => PaymentIndexRpc

/**
 * The index object class, extending the runtime's `DurableObject`. What crosses payments, for one store prefix: lookups, notification keys, unmatched notifications, and every
 * payment's state and pending work (ids and times, never a snapshot or a command). Each payment object keeps it up to
 * date after its writes; it is a mirror, and the payment objects stay the authority (see the README).
 */
export const paymentIndexClass = (DurableObject: DurableObjectClass): PaymentIndexClass => {
  const Parent = DurableObject as unknown as new (ctx: DurableObjectState, env: unknown) => object

  return class PaymentIndexObject extends Parent implements PaymentIndexRpc {
    readonly #storage: DurableObjectStorage

    constructor(ctx: DurableObjectState, env: unknown) {
      super(ctx, env)
      this.#storage = ctx.storage
      migrate(ctx.storage, indexMigrations, Date.now())
    }

    get #sql() {
      return this.#storage.sql
    }

    apply(summary: PaymentSummary): void {
      this.#storage.transactionSync(() => applySummary(this.#sql, summary))
    }

    find(key: FindKey): string | undefined {
      if ('merchantReference' in key) return firstId(this.#sql, SQL.findByMerchantReference, key.merchantReference)
      if ('paymentId' in key) return firstId(this.#sql, SQL.findByPaymentId, key.paymentId)
      return firstId(this.#sql, SQL.findByPaymentSessionId, key.paymentSessionId)
    }

    commandPayment(commandId: string): string | undefined {
      return firstId(this.#sql, SQL.commandPayment, commandId)
    }

    commandCandidates(after: CommandCandidate | undefined, limit: number): ReadonlyArray<CommandCandidate> {
      return this.#sql
        .exec<{ command_id: string; payment_request_id: string; created_at: number }>(
          SQL.commandCandidates,
          after?.createdAt ?? Number.MIN_SAFE_INTEGER,
          after?.commandId ?? '',
          limit,
        )
        .toArray()
        .map((row) => ({
          commandId: row.command_id,
          paymentRequestId: row.payment_request_id,
          createdAt: row.created_at,
        }))
    }

    timerCandidates(now: number, after: TimerCandidate | undefined, limit: number): ReadonlyArray<TimerCandidate> {
      return this.#sql
        .exec<{ payment_request_id: string; timer: string; due_at: number }>(
          SQL.timerCandidates,
          now,
          after?.dueAt ?? Number.MIN_SAFE_INTEGER,
          after?.paymentRequestId ?? '',
          after?.timer ?? '',
          limit,
        )
        .toArray()
        .map((row) => ({ paymentRequestId: row.payment_request_id, timer: row.timer, dueAt: row.due_at }))
    }

    hasNotification(key: string): boolean {
      return this.#sql.exec(SQL.hasNotification, key).toArray().length > 0
    }

    recordUnmatched(n: InboundNotification): void {
      this.#sql.exec(SQL.insertUnmatched, n.key, n.receivedAt, n.notifyType, n.paymentRequestId ?? null, n.body)
    }

    unmatched(): ReadonlyArray<InboundNotification> {
      return this.#sql.exec<SqliteRows.UnmatchedRow>(SQL.unmatched).toArray().map(SqliteRows.toUnmatched)
    }

    /** The payments holding something `prune` removes: old done commands, old notification keys, old final logs. */
    pruneTargets(options: PruneOptions): ReadonlyArray<string> {
      const logs = options.eventLogs
      const targets = [
        ...ids(this.#sql, SQL.withOldDone, options.doneCommandsBefore),
        ...ids(this.#sql, SQL.withOldKeys, options.notificationsBefore),
        ...(logs === undefined
          ? []
          : ids(this.#sql, withOldLogs(logs.states.length), ...states(logs.states), logs.before)),
      ]
      return [...new Set(targets)]
    }

    /** Removes the index's own old rows: its copies of notification keys, and unmatched notifications (counted). */
    prune(options: PruneOptions): { readonly unmatched: number } {
      return this.#storage.transactionSync(() => {
        this.#sql.exec(SQL.pruneNotifications, options.notificationsBefore).toArray()
        return { unmatched: this.#sql.exec(SQL.pruneUnmatched, options.notificationsBefore).toArray().length }
      })
    }

    /** Every figure from the mirror, in one read: no payment object is asked. */
    backlog(options: BacklogOptions): Backlog {
      const sql = this.#sql
      return {
        payments: Object.fromEntries(
          sql
            .exec<{ state: string; count: number }>(SQL.paymentsByState)
            .toArray()
            .map((row) => [row.state as PaymentState, row.count]),
        ),
        pendingCommands: backlogged(sql.exec<Tally>(SQL.pendingCommands).one()),
        overdueTimers: backlogged(sql.exec<Tally>(SQL.overdueTimers, options.now).one()),
        unknownOutcomes: backlogged(
          sql.exec<Tally>(unknownOutcomes(options.unknownOutcome.length), ...states(options.unknownOutcome)).one(),
        ),
      }
    }
  }
}
