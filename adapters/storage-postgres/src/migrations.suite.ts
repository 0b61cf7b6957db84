import { StoreUnavailable } from '@paychart/core'
import { cardFlow } from '@paychart/testkit/store-conformance'
import { Effect } from 'effect'
import { escapeIdentifier, Pool } from 'pg'
import { expect, it, onTestFinished } from 'vitest'
import { SchemaTooNew } from './errors.js'
import { LATEST_VERSION, MIGRATIONS } from './migrations.js'
import { connect, DATABASE_URL, dropSchema, freshSchemaName } from './postgres.fixtures.js'
import { makePostgresStore } from './postgres-store.js'

const TABLES = [
  'notifications',
  'outbox',
  'payment_events',
  'payments',
  'schema_migrations',
  'timers',
  'unmatched_notifications',
]

/** A schema name and a client of its own; the schema is dropped when the test ends. */
const scratchSchema = async () => {
  const schema = freshSchemaName()
  const client = await connect()
  onTestFinished(async () => {
    await dropSchema(client, schema)
    await client.end()
  })
  const migrations = async () =>
    (
      await client.query<{ version: number; name: string; applied_at: Date }>(
        `SELECT version, name, applied_at FROM ${escapeIdentifier(schema)}.schema_migrations ORDER BY version`,
      )
    ).rows
  const tables = async () =>
    (
      await client.query<{ tablename: string }>(
        'SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename',
        [schema],
      )
    ).rows.map((row) => row.tablename)
  return { schema, client, migrations, tables }
}

const open = async (schema: string) => {
  const opened = await makePostgresStore({ connectionString: DATABASE_URL, maxConnections: 2, schema })
  onTestFinished(opened.close)
  return opened
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

export const migrationTests = (): void => {
  it('creates the schema and every table on a fresh database, and records each migration', async () => {
    const scratch = await scratchSchema()
    expect(await scratch.tables()).toEqual([])
    await open(scratch.schema)
    expect(await scratch.tables()).toEqual(TABLES)
    expect((await scratch.migrations()).map((m) => [m.version, m.name])).toEqual(
      MIGRATIONS.map((m) => [m.version, m.name]),
    )
  })

  it('lets several instances open a new schema at once: each migration is applied exactly once', async () => {
    const scratch = await scratchSchema()
    const opened = await Promise.all(Array.from({ length: 6 }, () => open(scratch.schema)))
    expect((await scratch.migrations()).map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version))
    const [writer, reader] = [opened[0]?.store, opened[5]?.store]
    if (writer === undefined || reader === undefined) throw new Error('six stores were opened')
    await run(writer.create(cardFlow('PAY-MG-1').payment))
    expect((await run(reader.load('PAY-MG-1')))?.version).toBe(1)
  })

  it('reopens a migrated schema without applying anything again, and keeps its data', async () => {
    const scratch = await scratchSchema()
    const first = await open(scratch.schema)
    const { payment, commits } = cardFlow('PAY-MG-2')
    await run(first.store.create(payment))
    for (const commit of commits.slice(0, 1)) await run(first.store.commit(commit))
    await first.close()
    const before = await scratch.migrations()
    const again = await open(scratch.schema)
    expect(await scratch.migrations()).toEqual(before)
    expect(await run(again.store.load('PAY-MG-2'))).toMatchObject({ version: 2, state: 'submitting' })
  })

  it('refuses a schema that a newer release migrated, with SchemaTooNew, and leaves it untouched', async () => {
    const scratch = await scratchSchema()
    await (await open(scratch.schema)).close()
    const newer = LATEST_VERSION + 1
    await scratch.client.query(
      `INSERT INTO ${escapeIdentifier(scratch.schema)}.schema_migrations (version, name) VALUES ($1, 'from the future')`,
      [newer],
    )
    const before = await scratch.migrations()
    const refused = await makePostgresStore({ connectionString: DATABASE_URL, schema: scratch.schema }).then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(refused).toBeInstanceOf(SchemaTooNew)
    expect(refused).toMatchObject({ _tag: 'SchemaTooNew', found: newer, supported: LATEST_VERSION })
    expect(await scratch.migrations()).toEqual(before)
  })

  it('fails to open with StoreUnavailable when the server cannot be reached', async () => {
    const url = new URL(DATABASE_URL)
    url.port = '1'
    const refused = await makePostgresStore({ connectionString: url.toString(), schema: freshSchemaName() }).then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(refused).toBeInstanceOf(StoreUnavailable)
    expect(refused).toMatchObject({ _tag: 'StoreUnavailable', operation: 'migrate' })
  })

  it('reports a lost connection as StoreUnavailable, never a defect, and leaves a pool it was given open', async () => {
    const scratch = await scratchSchema()
    const pool = new Pool({ connectionString: DATABASE_URL, max: 2 })
    const opened = await makePostgresStore({ pool, schema: scratch.schema })
    await opened.close()
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
    await pool.end()
    const failed = await run(Effect.flip(opened.store.load('PAY-MG-3')))
    expect(failed).toMatchObject({ _tag: 'StoreUnavailable', operation: 'load' })
  })
}
