import {
  PaymentExists,
  PaymentNotFound,
  type PaymentStoreShape,
  StoreUnavailable,
  VersionConflict,
} from '@paychart/core/store'
import type { RawReader } from '@paychart/testkit/store-conformance'
import * as Effect from 'effect/Effect'
import type { RawTables } from './fixtures/raw-tables.js'

type Row = Record<string, unknown>

interface TaggedError {
  readonly _tag: string
  readonly [field: string]: unknown
}

/** The core's error class for a tagged error the worker sent as JSON. */
const decodeError = (error: TaggedError): Error => {
  const fields = error as never
  switch (error._tag) {
    case 'VersionConflict':
      return new VersionConflict(fields)
    case 'PaymentExists':
      return new PaymentExists(fields)
    case 'PaymentNotFound':
      return new PaymentNotFound(fields)
    case 'StoreUnavailable':
      return new StoreUnavailable(fields)
    default:
      return new StoreUnavailable({ operation: 'decode', reason: `unknown error ${error._tag}` })
  }
}

const post = async (url: string, args: ReadonlyArray<unknown>): Promise<unknown> => {
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(args) })
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`)
  return response.json()
}

type Answer = { readonly ok: true; readonly value?: unknown } | { readonly ok: false; readonly error: TaggedError }

const operations = [
  'create',
  'load',
  'commit',
  'find',
  'events',
  'claimCommands',
  'claimCommand',
  'completeCommand',
  'claimTimers',
  'pendingTimers',
  'hasNotification',
  'recordUnmatchedNotification',
  'unmatchedNotifications',
  'prune',
  'backlog',
] as const satisfies ReadonlyArray<keyof PaymentStoreShape>

/** A `PaymentStoreShape` in Node that runs every operation in the worker, on the store under `prefix`. */
export const remoteStore = (url: string, prefix: string): PaymentStoreShape => {
  const call =
    (operation: string) =>
    (...args: ReadonlyArray<unknown>) =>
      Effect.tryPromise({
        try: () => post(`${url}/${encodeURIComponent(prefix)}/${operation}`, args) as Promise<Answer>,
        catch: (error) => new StoreUnavailable({ operation, reason: String(error) }),
      }).pipe(
        Effect.flatMap((answer) => (answer.ok ? Effect.succeed(answer.value) : Effect.fail(decodeError(answer.error)))),
      )
  return Object.fromEntries(operations.map((operation) => [operation, call(operation)])) as unknown as PaymentStoreShape
}

interface RawStore {
  readonly index: RawTables
  readonly payments: Readonly<Record<string, RawTables>>
}

const rows = (tables: RawTables | undefined, table: string): ReadonlyArray<Row> => tables?.[table] ?? []
const text = (value: unknown): string | undefined => (value === null || value === undefined ? undefined : String(value))
const present = (key: string, value: unknown) => (value === null || value === undefined ? {} : { [key]: value })
const lease = (row: Row) =>
  row.lease_owner === null || row.lease_until === null
    ? {}
    : { leaseOwner: row.lease_owner as string, leaseUntil: row.lease_until as number }

const sortedRows = (list: ReadonlyArray<Row>): string[] => list.map((row) => JSON.stringify(row)).sort()

/** Every object's tables as text, objects by name, tables by name, rows sorted: equal when nothing changed. */
const dumpText = (raw: RawStore): string => {
  const object = (name: string, tables: RawTables) =>
    [
      `# ${name}`,
      ...Object.keys(tables)
        .sort()
        .flatMap((table) => [table, ...sortedRows(rows(tables, table))]),
    ].join('\n')
  const payments = Object.keys(raw.payments).sort()
  return [object('index', raw.index), ...payments.map((id) => object(`payment ${id}`, raw.payments[id] ?? {}))].join(
    '\n',
  )
}

/** What the objects hold, read by the worker straight from each object's SQLite, never through the store. */
export const remoteRawReader = (url: string, prefix: string): RawReader => {
  const read = (operation: string, ...args: ReadonlyArray<unknown>) =>
    post(`${url}/${encodeURIComponent(prefix)}/${operation}`, args)
  const all = () => read('raw') as Promise<RawStore>
  const everyPayment = async (table: string) =>
    Object.values((await all()).payments).flatMap((tables) => rows(tables, table))
  return {
    payment: async (id) => {
      const [row] = rows((await read('raw-payment', id)) as RawTables, 'payment')
      if (row === undefined) return undefined
      return {
        version: row.version as number,
        state: row.state as never,
        snapshotJson: row.snapshot as string,
        ...present('merchantReference', text(row.merchant_reference)),
        ...present('paymentId', text(row.payment_id)),
        ...present('paymentSessionId', text(row.payment_session_id)),
        createdAt: row.created_at as number,
        updatedAt: row.updated_at as number,
      }
    },
    outbox: async () =>
      (await everyPayment('outbox')).map((row) => ({
        commandId: row.command_id as string,
        paymentRequestId: row.payment_request_id as string,
        done: row.done === 1,
        attempts: row.attempts as number,
        createdAt: row.created_at as number,
        ...lease(row),
      })),
    timers: async () =>
      (await everyPayment('timers')).map((row) => ({
        paymentRequestId: row.payment_request_id as string,
        timer: row.timer as never,
        dueAt: row.due_at as number,
        ...lease(row),
      })),
    events: async (id) =>
      rows((await read('raw-payment', id)) as RawTables, 'events').map((row) => ({
        version: row.version as number,
        from: row.from_state as never,
        to: row.to_state as never,
        eventJson: row.event as string,
      })),
    // Committed keys from the payment objects (the authority), unmatched ones from the index.
    notifications: async () => {
      const raw = await all()
      return [
        ...Object.values(raw.payments).flatMap((tables) =>
          rows(tables, 'notifications').map((row) => ({ key: row.key as string, unmatched: false })),
        ),
        ...rows(raw.index, 'unmatched_notifications').map((row) => ({ key: row.key as string, unmatched: true })),
      ]
    },
    dump: async () => dumpText(await all()),
  }
}

/** The alarm a payment object has set (epoch ms), or null. */
export const remoteAlarm = async (url: string, prefix: string, id: string): Promise<number | null> => {
  const answer = (await post(`${url}/${encodeURIComponent(prefix)}/alarm`, [id])) as { alarmAt: number | null }
  return answer.alarmAt
}

/** Makes the index under `prefix` refuse the next `count` summaries the payment objects send it. */
export const failIndexApplies = async (url: string, prefix: string, count: number): Promise<void> => {
  await post(`${url}/${encodeURIComponent(prefix)}/fail-index`, [count])
}
