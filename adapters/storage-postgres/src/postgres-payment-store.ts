import { PaymentExists, PaymentNotFound, type StoreUnavailable } from '@paychart/core'
import {
  type Commit,
  type Lease,
  type NewPayment,
  type PaymentStoreShape,
  type PruneReport,
  type StoredPayment,
  VersionConflict,
} from '@paychart/core/store'
import * as Effect from 'effect/Effect'
import type { Pool, QueryResultRow } from 'pg'
import { type BacklogRow, EMPTY_BACKLOG, toBacklog } from './backlog.js'
import { type HeldCompletions, heldCompletions } from './completions.js'
import { unavailable } from './errors.js'
import { postgresCommits } from './group-commit.js'
import {
  byTimeThenId,
  claimedCommand,
  type EventRow,
  eventLogEntry,
  inboundNotification,
  type OutboxRow,
  type PaymentRow,
  storedPayment,
  type TimerRow,
  timerItem,
  type UnmatchedRow,
} from './rows.js'
import type { Statement, Statements } from './statements.js'
import { turnBatch } from './turn-batch.js'
import { postgresCreates } from './turn-creates.js'

const created = (payment: NewPayment, snapshotJson: string): StoredPayment => ({
  paymentRequestId: payment.paymentRequestId,
  version: 1,
  state: payment.state,
  snapshot: JSON.parse(snapshotJson),
  ...(payment.merchantReference === undefined ? {} : { merchantReference: payment.merchantReference }),
  createdAt: payment.at,
  updatedAt: payment.at,
})

const leaseOf = (options: { readonly now: number; readonly owner: string; readonly leaseMs: number }): Lease => ({
  owner: options.owner,
  leaseUntil: options.now + options.leaseMs,
})

export interface StoreBehaviour {
  /** `claimCommands` leaves a command alone until it is this old by its `createdAt` (0: claims it at once). */
  readonly claimAfterMs: number
  /** How long a completion waits for a commit to carry it before it is written alone. */
  readonly completionRideMs: number
}

export interface PostgresPaymentStore {
  readonly store: PaymentStoreShape
  /** Writes the held completions now. */
  readonly flushCompletions: () => Promise<void>
  /** Writes the held completions, and holds none after. */
  readonly closeCompletions: () => Promise<void>
}

/**
 * The `PaymentStore` over a migrated schema: every method one statement (a commit too), through the pool. Creates,
 * commits and loads of one turn share one (see `postgresCreates`, `postgresCommits`, `turnBatch`). A completion costs
 * none: it rides with the next commit or claim (see `heldCompletions`); reads that count the outbox (backlog, prune)
 * write the held ones first.
 */
export const postgresPaymentStore = (
  pool: Pool,
  statements: Statements,
  behaviour: StoreBehaviour,
): PostgresPaymentStore => {
  const createdBy = (now: number) =>
    behaviour.claimAfterMs > 0 ? now - behaviour.claimAfterMs : Number.MAX_SAFE_INTEGER

  const query = <R extends QueryResultRow>(statement: Statement, values: ReadonlyArray<unknown>) =>
    pool.query<R>({ name: statement.name, text: statement.text, values: [...values] })

  const attempt = <A>(operation: string, run: () => Promise<A>): Effect.Effect<A, StoreUnavailable> =>
    Effect.tryPromise({ try: run, catch: (error) => unavailable(operation, error) })

  const completions: HeldCompletions = heldCompletions(
    (commandIds) => query(statements.completeCommands, [commandIds]),
    behaviour.completionRideMs,
  )

  const createNow = postgresCreates(query, statements)
  const commitNow = postgresCommits(query, statements, completions)
  const commit = (change: Commit) =>
    attempt('commit', () => commitNow(change)).pipe(
      Effect.flatMap((result) =>
        result instanceof VersionConflict || result instanceof PaymentNotFound
          ? Effect.fail(result)
          : Effect.succeed(result),
      ),
    )

  const loadNow = turnBatch(
    async (paymentRequestId: string) => (await query<PaymentRow>(statements.load, [paymentRequestId])).rows[0],
    async (ids) => {
      const rows = (await query<PaymentRow>(statements.loadMany, [ids])).rows
      const byId = new Map(rows.map((row) => [row.payment_request_id, row]))
      const handed = new Set<string>()
      // Each caller gets a payment of its own, as from a load of its own, even when two asked for the same one.
      return ids.map((id) => {
        const row = byId.get(id)
        const value = row !== undefined && handed.has(id) ? structuredClone(row) : row
        handed.add(id)
        return { status: 'fulfilled', value } as const
      })
    },
  )

  const findBy = (statement: Statement, value: string) =>
    attempt('find', async () => {
      const row = (await query<PaymentRow>(statement, [value])).rows[0]
      return row === undefined ? undefined : storedPayment(row)
    })

  const store: PaymentStoreShape = {
    create: (payment) => {
      const snapshotJson = JSON.stringify(payment.snapshot)
      return attempt('create', () => createNow({ payment, snapshotJson })).pipe(
        Effect.flatMap((written) =>
          written
            ? Effect.succeed(created(payment, snapshotJson))
            : Effect.fail(new PaymentExists({ paymentRequestId: payment.paymentRequestId })),
        ),
      )
    },
    load: (paymentRequestId) =>
      attempt('load', async () => {
        const row = await loadNow(paymentRequestId)
        return row === undefined ? undefined : storedPayment(row)
      }),
    commit,
    find: (key) =>
      'merchantReference' in key
        ? findBy(statements.findByMerchantReference, key.merchantReference)
        : 'paymentId' in key
          ? findBy(statements.findByPaymentId, key.paymentId)
          : findBy(statements.findByPaymentSessionId, key.paymentSessionId),
    events: (paymentRequestId) =>
      attempt('events', async () =>
        (await query<EventRow>(statements.events, [paymentRequestId])).rows.map(eventLogEntry),
      ),
    claimCommands: (options) =>
      attempt('claimCommands', async () => {
        if (options.limit <= 0) return []
        const lease = leaseOf(options)
        const values = [options.now, options.limit, lease.owner, lease.leaseUntil, createdBy(options.now)]
        const rows = (
          await completions.carriedBy((carried) => query<OutboxRow>(statements.claimCommands, [...values, carried]))
        ).rows
        return rows
          .map((row) => claimedCommand(row, lease))
          .sort(
            byTimeThenId(
              (item) => item.createdAt,
              (item) => item.commandId,
            ),
          )
      }),
    claimCommand: (commandId, options) =>
      attempt('claimCommand', async () => {
        const lease = leaseOf(options)
        const values = [commandId, lease.owner, lease.leaseUntil, options.now]
        const row = (
          await completions.carriedBy((carried) => query<OutboxRow>(statements.claimCommand, [...values, carried]))
        ).rows[0]
        return row === undefined ? undefined : claimedCommand(row, lease)
      }),
    completeCommand: (commandId) => Effect.sync(() => completions.add(commandId)),
    claimTimers: (options) =>
      attempt('claimTimers', async () => {
        if (options.limit <= 0) return []
        const lease = leaseOf(options)
        const values = [options.now, options.limit, lease.owner, lease.leaseUntil]
        const rows = (await query<TimerRow>(statements.claimTimers, values)).rows
        return rows
          .map((row) => ({ ...timerItem(row), lease }))
          .sort(
            byTimeThenId(
              (t) => t.dueAt,
              (t) => `${t.paymentRequestId}\u0000${t.timer}`,
            ),
          )
      }),
    pendingTimers: (paymentRequestId) =>
      attempt('pendingTimers', async () =>
        (await query<TimerRow>(statements.pendingTimers, [paymentRequestId])).rows.map(timerItem),
      ),
    hasNotification: (key) =>
      attempt(
        'hasNotification',
        async () => (await query<{ found: boolean }>(statements.hasNotification, [key])).rows[0]?.found === true,
      ),
    recordUnmatchedNotification: (notification) =>
      attempt('recordUnmatchedNotification', async () => {
        await query(statements.recordUnmatched, [
          notification.key,
          notification.receivedAt,
          notification.notifyType,
          notification.paymentRequestId ?? null,
          notification.body,
        ])
      }),
    prune: (options) =>
      attempt('prune', async () => {
        await completions.flush()
        const logs = options.eventLogs
        const values = [options.doneCommandsBefore, options.notificationsBefore, logs?.states ?? [], logs?.before ?? 0]
        const row = (await query<PruneReport>(statements.prune, values)).rows[0]
        return {
          commands: row?.commands ?? 0,
          notifications: row?.notifications ?? 0,
          unmatched: row?.unmatched ?? 0,
          events: row?.events ?? 0,
        }
      }),
    backlog: (options) =>
      attempt('backlog', async () => {
        await completions.flush()
        const row = (await query<BacklogRow>(statements.backlog, [options.now, options.unknownOutcome])).rows[0]
        return row === undefined ? EMPTY_BACKLOG : toBacklog(row)
      }),
    unmatchedNotifications: () =>
      attempt('unmatchedNotifications', async () =>
        (await query<UnmatchedRow>(statements.unmatched, [])).rows.map(inboundNotification),
      ),
  }
  return { store, flushCompletions: completions.flush, closeCompletions: completions.close }
}
