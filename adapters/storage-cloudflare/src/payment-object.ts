import type {
  Claimed,
  Commit,
  EventLogEntry,
  NewPayment,
  OutboxItem,
  PruneOptions,
  StoredPayment,
  TimerItem,
} from '@paychart/core/store'
import { SqliteRows } from '@paychart/core/store'
import { type Answer, type CommitRefusal, type CreateRefusal, refused } from './answers.js'
import type { PaymentIndexRpc } from './index-object.js'
import { migrate, schemaVersion } from './migrate.js'
import { paymentMigrations } from './migrations.js'
import { indexObjectName } from './names.js'
import { claimCommand, claimCommands, claimTimers, type LeaseRequest } from './payment-claims.js'
import { insertPayment, writeCommit } from './payment-commit.js'
import { type PaymentPruned, prunePayment } from './payment-prune.js'
import { PAYMENT_SQL as SQL } from './payment-sql.js'
import { readSummary } from './payment-summary.js'
import type {
  DurableObjectClass,
  DurableObjectNamespace,
  DurableObjectState,
  DurableObjectStorage,
} from './workers-types.js'

/** The bindings a payment object needs: the namespace of its index objects. */
export interface PaymentObjectEnv {
  readonly PAYCHART_INDEX: DurableObjectNamespace<PaymentIndexRpc>
}

/** How long after a failed index update a payment object tries again, unless told otherwise. */
export const INDEX_RETRY_MS = 5_000

/** How long a timer still due after an alarm waits to be handed again, unless told otherwise. */
export const DUE_TIMER_RETRY_MS = 30_000

/** What the store calls on a payment object over RPC. */
export interface PaymentObjectRpc {
  create(prefix: string, payment: NewPayment): Promise<Answer<StoredPayment, CreateRefusal>>
  commit(commit: Commit): Promise<Answer<StoredPayment, CommitRefusal>>
  load(): StoredPayment | undefined
  events(): ReadonlyArray<EventLogEntry>
  pendingTimers(): ReadonlyArray<TimerItem>
  dueTimers(now: number): ReadonlyArray<TimerItem>
  claimCommand(commandId: string, request: LeaseRequest): Promise<Claimed<OutboxItem> | undefined>
  claimCommands(commandIds: ReadonlyArray<string>, request: LeaseRequest): Promise<ReadonlyArray<Claimed<OutboxItem>>>
  claimTimers(timers: ReadonlyArray<string>, request: LeaseRequest): Promise<ReadonlyArray<Claimed<TimerItem>>>
  completeCommand(commandId: string): Promise<void>
  prune(options: PruneOptions): Promise<PaymentPruned>
}

export interface PaymentObjectOptions<Env> {
  /**
   * The hook for the engine: called from `alarm()` with the timers due now and not leased. Unset, they are left to
   * a relay's `claimTimers`. Fire them here (the engine's commit of each TIMER_FIRED removes the timer and moves the
   * alarm); one still due afterwards is handed again `dueTimerRetryMs` later.
   */
  readonly onDueTimers?: (timers: ReadonlyArray<TimerItem>, env: Env) => Promise<void>
  /** How long after a failed index update the object tries again; `INDEX_RETRY_MS` unless set. */
  readonly indexRetryMs?: number
  /** How long a timer still due after an alarm waits to be handed again; `DUE_TIMER_RETRY_MS` unless set. */
  readonly dueTimerRetryMs?: number
}

/** A payment object as the runtime and the store see it: its RPC methods and its alarm handler. */
export interface PaymentObjectInstance extends PaymentObjectRpc {
  alarm(): Promise<void>
}

export type PaymentObjectClass<Env> = new (ctx: DurableObjectState, env: Env) => PaymentObjectInstance

/**
 * The payment object class, extending the runtime's `DurableObject` (which makes it callable over RPC). One payment:
 * its row, event log, outbox, timers and notification keys, in the object's own SQLite. A commit is one
 * `transactionSync`, its compare-and-set included; the object then tells its index what changed (ids and times) and
 * keeps its alarm at the moment its next timer can be handed out.
 */
export const paymentObjectClass = <Env extends PaymentObjectEnv>(
  DurableObject: DurableObjectClass,
  options: PaymentObjectOptions<Env> = {},
): PaymentObjectClass<Env> => {
  const Parent = DurableObject as unknown as new (ctx: DurableObjectState, env: Env) => object
  const indexRetryMs = options.indexRetryMs ?? INDEX_RETRY_MS
  const dueTimerRetryMs = options.dueTimerRetryMs ?? DUE_TIMER_RETRY_MS

  return class PaymentObject extends Parent implements PaymentObjectInstance {
    readonly #storage: DurableObjectStorage
    readonly #env: Env
    #ready: boolean

    constructor(ctx: DurableObjectState, env: Env) {
      super(ctx, env)
      this.#storage = ctx.storage
      this.#env = env
      // An object that never held a payment gets no schema: a load or a refused commit writes nothing.
      this.#ready = schemaVersion(ctx.storage) > 0
      if (this.#ready) migrate(ctx.storage, paymentMigrations, Date.now())
    }

    get #sql() {
      return this.#storage.sql
    }

    async create(prefix: string, payment: NewPayment): Promise<Answer<StoredPayment, CreateRefusal>> {
      if (!this.#ready) migrate(this.#storage, paymentMigrations, Date.now())
      this.#ready = true
      const answer = this.#storage.transactionSync(() => insertPayment(this.#sql, prefix, payment))
      if (answer.ok) await this.#afterWrite()
      return answer
    }

    async commit(commit: Commit): Promise<Answer<StoredPayment, CommitRefusal>> {
      if (!this.#ready) return refused({ _tag: 'PaymentNotFound', paymentRequestId: commit.paymentRequestId })
      const answer = this.#storage.transactionSync(() => writeCommit(this.#sql, commit))
      if (answer.ok) await this.#afterWrite()
      return answer
    }

    load(): StoredPayment | undefined {
      if (!this.#ready) return undefined
      const [row] = this.#sql.exec<SqliteRows.PaymentRow>(SQL.loadPayment).toArray()
      return row === undefined ? undefined : SqliteRows.toPayment(row)
    }

    events(): ReadonlyArray<EventLogEntry> {
      if (!this.#ready) return []
      return this.#sql.exec<SqliteRows.EventRow>(SQL.events).toArray().map(SqliteRows.toEvent)
    }

    pendingTimers(): ReadonlyArray<TimerItem> {
      if (!this.#ready) return []
      return this.#sql.exec<SqliteRows.TimerRow>(SQL.pendingTimers).toArray().map(SqliteRows.toTimer)
    }

    /** The timers due at `now` that no live lease holds: what `alarm()` hands to `onDueTimers`. */
    dueTimers(now: number): ReadonlyArray<TimerItem> {
      if (!this.#ready) return []
      return this.#sql
        .exec<SqliteRows.TimerRow>(SQL.dueTimers, now)
        .toArray()
        .filter((row) => row.lease_until === null || row.lease_until <= now)
        .map(SqliteRows.toTimer)
    }

    async claimCommand(commandId: string, request: LeaseRequest): Promise<Claimed<OutboxItem> | undefined> {
      if (!this.#ready) return undefined
      return this.#storage.transactionSync(() => claimCommand(this.#sql, commandId, request))
    }

    async claimCommands(
      commandIds: ReadonlyArray<string>,
      request: LeaseRequest,
    ): Promise<ReadonlyArray<Claimed<OutboxItem>>> {
      if (!this.#ready) return []
      return this.#storage.transactionSync(() => claimCommands(this.#sql, commandIds, request))
    }

    async claimTimers(
      timers: ReadonlyArray<string>,
      request: LeaseRequest,
    ): Promise<ReadonlyArray<Claimed<TimerItem>>> {
      if (!this.#ready) return []
      const claimed = this.#storage.transactionSync(() => claimTimers(this.#sql, timers, request))
      if (claimed.length > 0) await this.#arm(Date.now())
      return claimed
    }

    async completeCommand(commandId: string): Promise<void> {
      if (!this.#ready) return
      const changed = this.#storage.transactionSync(() => {
        const done = this.#sql.exec(SQL.completeCommand, commandId).rowsWritten > 0
        if (done) this.#sql.exec(SQL.bumpRevision)
        return done
      })
      if (changed) await this.#afterWrite()
    }

    async prune(options: PruneOptions): Promise<PaymentPruned> {
      if (!this.#ready) return { commands: 0, notifications: 0, events: 0 }
      const pruned = this.#storage.transactionSync(() => prunePayment(this.#sql, options))
      if (pruned.commands + pruned.notifications > 0) await this.#afterWrite()
      return pruned
    }

    /**
     * Brings the index up to date if an earlier update failed, hands the due timers to `onDueTimers`, and sets the
     * next alarm. A timer stays until the commit of its TIMER_FIRED removes it.
     */
    async alarm(): Promise<void> {
      if (!this.#ready) return
      await this.#syncIndex()
      const now = Date.now()
      const due = this.dueTimers(now)
      if (due.length > 0 && options.onDueTimers !== undefined) await options.onDueTimers(due, this.#env)
      await this.#arm(Date.now(), true)
    }

    async #afterWrite(): Promise<void> {
      await this.#syncIndex()
      await this.#arm(Date.now())
    }

    /** Sends the index this payment's summary when it has not seen the latest revision; a failure is retried by alarm. */
    async #syncIndex(): Promise<void> {
      const read = readSummary(this.#sql)
      if (read === undefined || read.sync.revision <= read.sync.indexedRevision) return
      const namespace = this.#env.PAYCHART_INDEX
      const index = namespace.get(namespace.idFromName(indexObjectName(read.sync.prefix)))
      const applied = await index.apply(read.summary).then(
        () => true,
        () => false,
      )
      if (applied) this.#sql.exec(SQL.markIndexed, read.summary.revision)
    }

    /**
     * Sets the alarm at the earliest moment a timer can be handed out (its due time, or the end of the lease holding
     * it), or sooner when the index has not seen the latest revision. After an alarm, a timer moment already past waits
     * `dueTimerRetryMs` rather than firing again at once.
     */
    async #arm(now: number, afterAlarm = false): Promise<void> {
      // Read after the await and set without another in between: of two writes arming at once, the later sets last.
      const current = await this.#storage.getAlarm()
      const wake = this.#sql.exec<{ at: number | null }>(SQL.nextWake).one().at
      const [sync] = this.#sql.exec<{ revision: number; indexed_revision: number }>(SQL.syncState).toArray()
      const behind = sync !== undefined && sync.revision > sync.indexed_revision
      const timerAt = wake === null ? undefined : afterAlarm && wake <= now ? now + dueTimerRetryMs : wake
      const moments = [...(timerAt === undefined ? [] : [timerAt]), ...(behind ? [now + indexRetryMs] : [])]
      const next = moments.length === 0 ? null : Math.min(...moments)
      if (current === next) return
      if (next === null) await this.#storage.deleteAlarm()
      else await this.#storage.setAlarm(next)
    }
  }
}
