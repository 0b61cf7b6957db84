import { readFileSync } from 'node:fs'
import type { PaymentStoreShape } from '@paychart/core/store'
import { makePostgresStore } from '@paychart/storage-postgres'
import { openSqliteStore } from '@paychart/storage-sqlite'
import pg from 'pg'
import { DATABASE_URL } from '../support/postgres.js'

/** Where a round keeps its payments: an SQLite file, or a schema on the Postgres at `DATABASE_URL`. */
export type StoreLocation =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly schema: string }

/** The location as one string, to hand to a child process. */
export const locationText = (location: StoreLocation): string =>
  location.kind === 'sqlite' ? `sqlite:${location.file}` : `postgres:${location.schema}`

export const parseLocation = (text: string): StoreLocation => {
  const [kind, ...rest] = text.split(':')
  const where = rest.join(':')
  if (kind === 'sqlite') return { kind, file: where }
  if (kind === 'postgres') return { kind, schema: where }
  throw new Error(`not a store location: ${text}`)
}

export interface OpenedStore {
  readonly store: PaymentStoreShape
  readonly close: () => Promise<void>
}

export const openStore = async (location: StoreLocation): Promise<OpenedStore> => {
  if (location.kind === 'sqlite') {
    const opened = openSqliteStore({ filename: location.file })
    return { store: opened.store, close: async () => opened.close() }
  }
  const opened = await makePostgresStore({ connectionString: DATABASE_URL, schema: location.schema, maxConnections: 4 })
  return { store: opened.store, close: opened.close }
}

const withClient = async <A>(use: (client: pg.Client) => Promise<A>): Promise<A> => {
  const client = new pg.Client({ connectionString: DATABASE_URL })
  await client.connect()
  try {
    return await use(client)
  } finally {
    await client.end()
  }
}

/** Everything the store wrote, as text: the SQLite file's bytes, or every row of every table of the schema. */
export const storedText = async (location: StoreLocation): Promise<string> => {
  if (location.kind === 'sqlite') return readFileSync(location.file).toString('latin1')
  return withClient(async (client) => {
    const schema = pg.escapeIdentifier(location.schema)
    const tables = await client.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = $1', [
      location.schema,
    ])
    const parts: string[] = []
    for (const { tablename } of tables.rows) {
      const rows = await client.query<{ row: string }>(
        `SELECT t::text AS row FROM ${schema}.${pg.escapeIdentifier(tablename)} t`,
      )
      parts.push(...rows.rows.map((r) => r.row))
    }
    return parts.join('\n')
  })
}

/** Removes a Postgres round's schema (an SQLite round's file goes with its directory). */
export const dropStore = async (location: StoreLocation): Promise<void> => {
  if (location.kind === 'postgres') {
    await withClient((client) => client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(location.schema)} CASCADE`))
  }
}
