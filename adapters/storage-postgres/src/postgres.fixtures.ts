import { randomBytes } from 'node:crypto'
import type { RawReader, StoreUnderTest } from '@paychart/testkit/store-conformance'
import { Client, escapeIdentifier } from 'pg'
import { describe, it, onTestFinished } from 'vitest'
import { makePostgresStore, type PostgresStore, type PostgresStoreOptions } from './postgres-store.js'

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** Why the server at DATABASE_URL cannot be used, or undefined when it answers. */
const unreachable = async (): Promise<string | undefined> => {
  const client = new Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3_000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error)
  } finally {
    await client.end().catch(() => {})
  }
}

const reason = await unreachable()

/**
 * Registers `tests` when Postgres answers. When it does not: in CI (`CI` set) a failing test says why; elsewhere
 * the tests are skipped, and the reason is printed.
 */
export const withPostgres = (name: string, tests: () => void): void => {
  if (reason === undefined) {
    tests()
    return
  }
  const why = `Postgres at ${DATABASE_URL} is unreachable (${reason})`
  if (process.env.CI) {
    describe(name, () => {
      it('reaches Postgres at DATABASE_URL (required in CI)', () => {
        throw new Error(`${why}; CI must provide it`)
      })
    })
    return
  }
  console.warn(`[storage-postgres] skipping ${name}: ${why}. Start one or set DATABASE_URL.`)
  describe.skip(`${name} (skipped: ${why})`, tests)
}

/** A schema name nobody else uses: tests run in parallel with other files against the same database. */
export const freshSchemaName = (): string => `pc_test_${randomBytes(6).toString('hex')}`

/** A plain client of its own, for SQL the store does not run. */
export const connect = async (): Promise<Client> => {
  const client = new Client({ connectionString: DATABASE_URL })
  await client.connect()
  return client
}

export const dropSchema = async (client: Client, schema: string): Promise<void> => {
  await client.query(`DROP SCHEMA IF EXISTS ${escapeIdentifier(schema)} CASCADE`)
}

const optional = <K extends string>(key: K, value: string | null) =>
  (value === null ? {} : { [key]: value }) as Partial<Record<K, string>>

const leaseOf = (row: { lease_owner: string | null; lease_until: string | null }) =>
  row.lease_owner === null || row.lease_until === null
    ? {}
    : { leaseOwner: row.lease_owner, leaseUntil: Number(row.lease_until) }

/** What the store really wrote, read with SQL of its own over a client of its own. */
export const rawReader = (client: Client, schema: string): RawReader => {
  const s = escapeIdentifier(schema)
  return {
    payment: async (id) => {
      const { rows } = await client.query(
        `SELECT version, state, snapshot::text AS snapshot_json, merchant_reference, payment_id, payment_session_id,
                created_at, updated_at
           FROM ${s}.payments WHERE payment_request_id = $1`,
        [id],
      )
      const row = rows[0]
      if (row === undefined) return undefined
      return {
        version: row.version,
        state: row.state,
        snapshotJson: row.snapshot_json,
        ...optional('merchantReference', row.merchant_reference),
        ...optional('paymentId', row.payment_id),
        ...optional('paymentSessionId', row.payment_session_id),
        createdAt: Number(row.created_at),
        updatedAt: Number(row.updated_at),
      }
    },
    outbox: async () =>
      (
        await client.query(
          `SELECT command_id, payment_request_id, done, attempts, created_at, lease_owner, lease_until FROM ${s}.outbox`,
        )
      ).rows.map((row) => ({
        commandId: row.command_id,
        paymentRequestId: row.payment_request_id,
        done: row.done,
        attempts: row.attempts,
        createdAt: Number(row.created_at),
        ...leaseOf(row),
      })),
    timers: async () =>
      (
        await client.query(`SELECT payment_request_id, timer, due_at, lease_owner, lease_until FROM ${s}.timers`)
      ).rows.map((row) => ({
        paymentRequestId: row.payment_request_id,
        timer: row.timer,
        dueAt: Number(row.due_at),
        ...leaseOf(row),
      })),
    events: async (id) =>
      (
        await client.query(
          `SELECT version, from_state, to_state, event::text AS event_json FROM ${s}.payment_events
            WHERE payment_request_id = $1`,
          [id],
        )
      ).rows.map((row) => ({
        version: row.version,
        from: row.from_state,
        to: row.to_state,
        eventJson: row.event_json,
      })),
    notifications: async () =>
      (
        await client.query(
          `SELECT key, false AS unmatched FROM ${s}.notifications
           UNION ALL SELECT key, true FROM ${s}.unmatched_notifications`,
        )
      ).rows.map((row) => ({ key: row.key, unmatched: row.unmatched })),
    dump: () => dumpSchema(client, schema),
  }
}

/** Every row of every table in the schema, as Postgres prints the row (`row::text`), table by table, sorted. */
export const dumpSchema = async (client: Client, schema: string): Promise<string> => {
  const tables = await client.query<{ tablename: string }>(
    'SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename',
    [schema],
  )
  const parts: string[] = []
  for (const { tablename } of tables.rows) {
    const rows = await client.query<{ row: string }>(
      `SELECT t::text AS row FROM ${escapeIdentifier(schema)}.${escapeIdentifier(tablename)} t ORDER BY 1`,
    )
    parts.push(`${tablename}\n${rows.rows.map((r) => r.row).join('\n')}`)
  }
  return parts.join('\n')
}

export interface FreshStore extends StoreUnderTest {
  readonly opened: PostgresStore
  readonly schema: string
  /** The raw reader's own client, for SQL beside the store's. */
  readonly client: Client
  readonly cleanup: () => Promise<void>
}

/** A store on a fresh schema with a raw reader beside it; the schema is dropped on cleanup. */
export const storeOnFreshSchema = async (options: Omit<PostgresStoreOptions, 'schema'> = {}): Promise<FreshStore> => {
  const schema = freshSchemaName()
  const opened = await makePostgresStore({ connectionString: DATABASE_URL, maxConnections: 5, ...options, schema })
  const client = await connect()
  return {
    opened,
    schema,
    client,
    store: opened.store,
    raw: rawReader(client, schema),
    settle: opened.flushCompletions,
    makeSecondClient: async () => {
      const second = await makePostgresStore({ connectionString: DATABASE_URL, maxConnections: 5, schema })
      return { store: second.store, cleanup: second.close }
    },
    cleanup: async () => {
      await opened.close()
      await dropSchema(client, schema)
      await client.end()
    },
  }
}

/** `storeOnFreshSchema`, cleaned up when the current test ends. */
export const useFreshStore = async (options: Omit<PostgresStoreOptions, 'schema'> = {}): Promise<FreshStore> => {
  const made = await storeOnFreshSchema(options)
  onTestFinished(made.cleanup)
  return made
}
