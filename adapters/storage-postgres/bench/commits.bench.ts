import { randomBytes } from 'node:crypto'
import { figure, opsPerSecondNextTo, writeFigures } from '@paychart/bench-kit'
import { cardFlow, type ScriptedFlow } from '@paychart/testkit/store-conformance'
import { Effect } from 'effect'
import { Client, escapeIdentifier } from 'pg'
import { makePostgresStore, type PostgresStore } from '../src/index.js'

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const schema = `pc_bench_${randomBytes(4).toString('hex')}`
const s = escapeIdentifier(schema)

/** One card payment as the engine writes it (3DS, manual capture, notification): a create and seven commits. */
const TEMPLATE_ID = 'BENCH-TEMPLATE-0000000'
const template = JSON.stringify(cardFlow(TEMPLATE_ID))
let payments = 0
const nextFlow = (): ScriptedFlow => JSON.parse(template.replaceAll(TEMPLATE_ID, `BENCH-${++payments}`))
const WRITES_PER_FLOW = 8

/** The baseline's row: as big as a commit's snapshot, in a plain table with a primary key. */
const row = JSON.stringify(nextFlow().commits[3]?.snapshot)
let rows = 0

const writeFlow = async ({ store }: PostgresStore) => {
  const flow = nextFlow()
  await Effect.runPromise(store.create(flow.payment))
  for (const commit of flow.commits) await Effect.runPromise(store.commit(commit))
  return WRITES_PER_FLOW
}

const insertRows = async (client: Client) => {
  for (let i = 0; i < WRITES_PER_FLOW; i++) {
    await client.query({
      name: 'bench_insert',
      text: `INSERT INTO ${s}.plain_rows (id, body) VALUES ($1, $2::jsonb)`,
      values: [`ROW-${++rows}`, row],
    })
  }
  return WRITES_PER_FLOW
}

const stores = await Promise.all(
  [1, 2, 3, 4].map(() => makePostgresStore({ connectionString: DATABASE_URL, schema, maxConnections: 1 })),
)
const clients = await Promise.all(
  [1, 2, 3, 4].map(async () => {
    const client = new Client({ connectionString: DATABASE_URL })
    await client.connect()
    return client
  }),
)
const [admin] = clients
if (admin === undefined) throw new Error('four clients were opened')
await admin.query(`CREATE TABLE ${s}.plain_rows (id text PRIMARY KEY, body jsonb NOT NULL)`)

/** Every writer at once, each on its own connection and its own payments (or rows). */
const together =
  <T>(writers: ReadonlyArray<T>, write: (writer: T) => Promise<number>) =>
  async () =>
    (await Promise.all(writers.map(write))).reduce((a, b) => a + b, 0)

try {
  const one = await opsPerSecondNextTo(
    together(stores.slice(0, 1), writeFlow),
    together(clients.slice(0, 1), insertRows),
  )
  const four = await opsPerSecondNextTo(together(stores, writeFlow), together(clients, insertRows))
  const written = await admin.query(`SELECT count(*)::int AS n FROM ${s}.payments WHERE state = 'captured'`)
  if (written.rows[0]?.n !== payments - 1) throw new Error(`${written.rows[0]?.n} of ${payments - 1} payments captured`)
  writeFigures(new URL('../', import.meta.url), [
    figure(
      'storage-postgres: commits, one writer (card flow: create + 7 commits per payment)',
      one.value,
      'commits/s',
      'pg INSERT of a snapshot-sized row, one transaction each, one client',
      one.baselineValue,
    ),
    figure(
      'storage-postgres: commits, four writers on four connections (different payments)',
      four.value,
      'commits/s',
      'pg INSERT of a snapshot-sized row, one transaction each, four clients',
      four.baselineValue,
    ),
  ])
} finally {
  await admin.query(`DROP SCHEMA ${s} CASCADE`)
  await Promise.all([...stores.map((opened) => opened.close()), ...clients.map((client) => client.end())])
}
