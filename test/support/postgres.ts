import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe, it } from 'vitest'

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

const unreachable = async (): Promise<string | undefined> => {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3_000 })
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

/** Registers `tests` when Postgres answers; otherwise a failing test in CI, and a skip (with the reason) elsewhere. */
export const withPostgres = (name: string, tests: () => void): void => {
  if (reason === undefined) {
    describe(name, tests)
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
  console.warn(`skipping ${name}: ${why}. Start one or set DATABASE_URL.`)
  describe.skip(`${name} (skipped: ${why})`, tests)
}

/** A schema name nobody else uses, `prefix` saying which test made it. */
export const freshSchemaName = (prefix: string): string => `${prefix}_${randomBytes(5).toString('hex')}`

export const connect = async (): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: DATABASE_URL })
  await client.connect()
  return client
}
