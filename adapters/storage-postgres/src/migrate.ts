import type { Pool } from 'pg'
import { SchemaTooNew } from './errors.js'
import { LATEST_VERSION, MIGRATIONS } from './migrations.js'

/** First half of the advisory lock key, shared by every paychart schema ('payc'); the second is the schema's hash. */
const LOCK_NAMESPACE = 0x70617963

export interface MigrationReport {
  /** The version the schema was at before, 0 when it was new. */
  readonly from: number
  readonly to: number
}

/**
 * Brings `schema` to the latest version in one transaction, under a transaction-scoped advisory lock on the schema's
 * name: instances opening at once wait for each other, and the later ones find nothing left to do. Refuses a schema
 * a newer release migrated, with `SchemaTooNew`.
 */
export const migrate = async (pool: Pool, schema: string, quoted: string): Promise<MigrationReport> => {
  const client = await pool.connect()
  let broken: Error | undefined
  try {
    await client.query('BEGIN')
    try {
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_NAMESPACE, schema])
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`)
      await client.query(`CREATE TABLE IF NOT EXISTS ${quoted}.schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`)
      const found = await client.query<{ version: number | null }>(
        `SELECT max(version) AS version FROM ${quoted}.schema_migrations`,
      )
      const from = found.rows[0]?.version ?? 0
      if (from > LATEST_VERSION) throw new SchemaTooNew({ schema, found: from, supported: LATEST_VERSION })
      for (const migration of MIGRATIONS.filter((m) => m.version > from)) {
        await client.query(migration.sql(quoted))
        await client.query(`INSERT INTO ${quoted}.schema_migrations (version, name) VALUES ($1, $2)`, [
          migration.version,
          migration.name,
        ])
      }
      await client.query('COMMIT')
      return { from, to: Math.max(from, LATEST_VERSION) }
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: Error) => {
        broken = rollback
      })
      throw error
    }
  } finally {
    client.release(broken)
  }
}
