// The model-based payment properties, longer, against a real store. Run by hand from the repository root:
//
//   npx tsx --conditions=@paychart/source test/model/long-run.ts --store memory|sqlite|postgres [--runs N]
//     [--seed S] [--path P] [--scheduled] [--database postgres://...]
//
// sqlite: a fresh database file per flow under the temp directory (a restart opens a second connection to it).
// postgres: a fresh schema per flow at --database (default DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test),
// dropped afterwards. Every run prints its seed; a failure prints the property, the shrunk flow and FC_SEED/FC_PATH.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PaymentStoreShape } from '@paychart/core/store'
import { checkPaymentProperties, generateSimulatorKeys, type MakeStore, memoryStoreUnderTest } from '@paychart/testkit'

const argument = (name: string): string | undefined => {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? undefined : process.argv[index + 1]
}

// The adapters are loaded by name at run time: this script is not part of the typecheck of their packages.
interface SqliteModule {
  readonly openSqliteStore: (options: { readonly filename: string }) => {
    readonly store: PaymentStoreShape
    readonly database: {
      readonly prepare: (sql: string) => { readonly all: (...args: ReadonlyArray<unknown>) => ReadonlyArray<unknown> }
    }
    readonly close: () => void
  }
}

interface PostgresModule {
  readonly makePostgresStore: (options: { readonly connectionString: string; readonly schema: string }) => Promise<{
    readonly store: PaymentStoreShape
    readonly pool: { readonly query: (sql: string) => Promise<{ readonly rows: ReadonlyArray<unknown> }> }
    readonly close: () => Promise<void>
  }>
}

const load = async <T>(name: string): Promise<T> => (await import(name)) as T

const sqliteStore = async (): Promise<MakeStore> => {
  const { openSqliteStore } = await load<SqliteModule>('@paychart/storage-sqlite')
  const dir = mkdtempSync(join(tmpdir(), 'paychart-model-sqlite-'))
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
  let n = 0
  return () => {
    const filename = join(dir, `flow-${++n}.db`)
    const opened = [openSqliteStore({ filename })]
    const first = opened[0]
    if (first === undefined) throw new Error('unreachable')
    return {
      store: first.store,
      dump: () => {
        const tables = first.database.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{
          name: string
        }>
        return tables.map((t) => JSON.stringify(first.database.prepare(`SELECT * FROM "${t.name}"`).all())).join('\n')
      },
      reopen: () => {
        const next = openSqliteStore({ filename })
        opened.push(next)
        return next.store
      },
      close: () => {
        for (const s of opened) s.close()
        rmSync(filename, { force: true })
      },
    }
  }
}

const postgresStore = async (connectionString: string): Promise<MakeStore> => {
  const { makePostgresStore } = await load<PostgresModule>('@paychart/storage-postgres')
  let n = 0
  const prefix = `model_${process.pid}_${Date.now().toString(36)}`
  return async () => {
    const schema = `${prefix}_${++n}`
    const opened = [await makePostgresStore({ connectionString, schema })]
    const first = opened[0]
    if (first === undefined) throw new Error('unreachable')
    return {
      store: first.store,
      dump: async () => {
        const tables = await first.pool.query(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = '${schema}'`,
        )
        const parts: Array<string> = []
        for (const row of tables.rows as Array<{ table_name: string }>) {
          const rows = await first.pool.query(`SELECT * FROM "${schema}"."${row.table_name}"`)
          parts.push(JSON.stringify(rows.rows))
        }
        return parts.join('\n')
      },
      reopen: async () => {
        const next = await makePostgresStore({ connectionString, schema })
        opened.push(next)
        return next.store
      },
      close: async () => {
        await first.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
        for (const s of opened.reverse()) await s.close()
      },
    }
  }
}

const storeName = argument('store') ?? 'memory'
const database = argument('database') ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const makeStore =
  storeName === 'sqlite'
    ? await sqliteStore()
    : storeName === 'postgres'
      ? await postgresStore(database)
      : storeName === 'memory'
        ? memoryStoreUnderTest
        : undefined
if (makeStore === undefined) throw new Error(`--store must be memory, sqlite or postgres, not ${storeName}`)

const runs = Number(argument('runs') ?? 2_000)
const seedText = argument('seed')
const path = argument('path')
const report = await checkPaymentProperties({
  name: `${storeName} store${process.argv.includes('--scheduled') ? ', scheduled' : ''}`,
  makeStore,
  runs,
  keys: await generateSimulatorKeys(),
  scheduled: process.argv.includes('--scheduled'),
  ...(seedText === undefined ? {} : { seed: Number(seedText) }),
  ...(path === undefined ? {} : { path }),
})
console.info(`[model] coverage: ${JSON.stringify(report.coverage)}`)
process.exitCode = report.failed ? 1 : 0
