// The model-based payment properties, longer, against real stores. Run by hand from the repository root:
//
//   npm run model:long                      10,000 flows on SQLite and 10,000 on Postgres, side by side
//   npx tsx --conditions=@paychart/source test/model/long-run.ts --store memory|sqlite|postgres[,...] [--runs N]
//     [--seed S] [--path P] [--scheduled] [--no-late]
//     [--late-paths | --slow-gateway | --lost-ids | --refused-cancels | --capture-told-first]
//     [--database postgres://...]
// --late-paths: the mix that makes the rare late paths common (captures given up, sends landing after that, pays
// landing after the payment closed).
// --slow-gateway: the mix where the gateway answers captures and refunds after the engine's lease on them lapsed.
// --lost-ids: the mix where a payment's paymentId comes only from a notification that lied about it.
// --refused-cancels: the mix where a cancel is refused because a capture given up had landed.
// --capture-told-first: the mix where a card's capture is told before the payment's own result, then refunded.
// --no-late: no request reaches the gateway after the client gave up (the simulator's `landsLate` fault, on by default).
//
// sqlite: a fresh database file per flow under the temp directory (a restart opens a second connection to it).
// postgres: one pool, a few schemas at --database (default DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test)
// emptied before each flow and dropped at the end (a restart opens a second store over the same schema). Several
// stores run as child processes at once. Every run prints its seed, its time and how many flows reached each fault; a
// failure prints the property, the shrunk flow and FC_SEED/FC_PATH.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PaymentStoreShape } from '@paychart/core/store'
import {
  type CommandFocus,
  checkPaymentProperties,
  generateSimulatorKeys,
  type MakeStore,
  memoryStoreUnderTest,
} from '@paychart/testkit'

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
  readonly makePostgresStore: (options: { readonly pool: unknown; readonly schema: string }) => Promise<{
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

/** A store for the flows, and what removes it when they are done. */
interface StoreUnderRun {
  readonly makeStore: MakeStore
  readonly close: () => Promise<void>
}

const postgresStore = async (connectionString: string): Promise<StoreUnderRun> => {
  const { makePostgresStore } = await load<PostgresModule>('@paychart/storage-postgres')
  const { Pool } = (await import('pg')).default
  const pool = new Pool({ connectionString, max: 10 })
  const schema = `model_${process.pid}_${Date.now().toString(36)}`
  const first = await makePostgresStore({ pool, schema })
  const tables = (
    await pool.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = '${schema}'`)
  ).rows.map((row) => `"${schema}"."${(row as { table_name: string }).table_name}"`)
  const data = tables.filter((table) => !table.endsWith('"schema_migrations"'))
  const close = async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await pool.end()
  }
  // Stopped by hand (Ctrl-C), the schema goes too.
  process.once('SIGINT', () => void close().finally(() => process.exit(130)))
  const makeStore: MakeStore = async () => {
    // Each flow starts from empty tables (the migrations' own bookkeeping stays).
    await pool.query(`TRUNCATE ${data.join(', ')}`)
    return {
      store: first.store,
      dump: async () => {
        const parts: Array<string> = []
        for (const table of tables) parts.push(JSON.stringify((await pool.query(`SELECT * FROM ${table}`)).rows))
        return parts.join('\n')
      },
      reopen: async () => (await makePostgresStore({ pool, schema })).store,
    }
  }
  return { makeStore, close }
}

const storeNames = (argument('store') ?? 'sqlite,postgres').split(',')
const database = argument('database') ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const runs = Number(argument('runs') ?? 10_000)

/** Several stores: one child process each, side by side; this process reports when all are done. */
const runEach = async (): Promise<number> => {
  const started = Date.now()
  const children = storeNames.map((name) => {
    const args = process.argv.slice(2).filter((_, i, all) => all[i - 1] !== '--store' && all[i] !== '--store')
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1] ?? '', '--store', name, ...args], {
      stdio: 'inherit',
    })
    return new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)))
  })
  const codes = await Promise.all(children)
  const minutes = ((Date.now() - started) / 60_000).toFixed(1)
  console.info(
    `[model] ${storeNames.join(' and ')}: ${runs} flows each, ${runs * storeNames.length} in all, ${minutes} min`,
  )
  return codes.every((code) => code === 0) ? 0 : 1
}

const storeUnderRun = async (storeName: string): Promise<StoreUnderRun> => {
  const kept = (makeStore: MakeStore): StoreUnderRun => ({ makeStore, close: async () => {} })
  if (storeName === 'sqlite') return kept(await sqliteStore())
  if (storeName === 'postgres') return postgresStore(database)
  if (storeName === 'memory') return kept(memoryStoreUnderTest)
  throw new Error(`--store must be memory, sqlite or postgres, not ${storeName}`)
}

const runOne = async (storeName: string): Promise<number> => {
  const { makeStore, close } = await storeUnderRun(storeName)
  try {
    return await runFlows(storeName, makeStore)
  } finally {
    await close()
  }
}

/** The focused mixes, by the flag that chooses one (see the top of this file) and the name the report gives it. */
const FOCUSED_MIXES: ReadonlyArray<{ readonly flag: string; readonly focus: CommandFocus; readonly name: string }> = [
  { flag: '--late-paths', focus: 'latePaths', name: 'late paths' },
  { flag: '--slow-gateway', focus: 'slowGateway', name: 'slow gateway' },
  { flag: '--lost-ids', focus: 'lostPaymentIds', name: 'lost paymentIds' },
  { flag: '--refused-cancels', focus: 'refusedCancels', name: 'refused cancels' },
  { flag: '--capture-told-first', focus: 'captureToldFirst', name: 'capture told first' },
]

const runFlows = async (storeName: string, makeStore: MakeStore): Promise<number> => {
  const late = !process.argv.includes('--no-late')
  const mix = FOCUSED_MIXES.find(({ flag }) => process.argv.includes(flag))
  const seedText = argument('seed')
  const path = argument('path')
  const report = await checkPaymentProperties({
    name: `${storeName} store${process.argv.includes('--scheduled') ? ', scheduled' : ''}${late ? ', late calls' : ''}${mix === undefined ? '' : `, ${mix.name}`}`,
    makeStore,
    runs,
    keys: await generateSimulatorKeys(),
    scheduled: process.argv.includes('--scheduled'),
    commands: { ...(late ? {} : { lateCalls: false }), ...(mix === undefined ? {} : { focus: mix.focus }) },
    ...(seedText === undefined ? {} : { seed: Number(seedText) }),
    ...(path === undefined ? {} : { path }),
  })
  console.info(
    `[model] ${report.name} coverage (${report.durationMs} ms):\n${JSON.stringify(report.coverage, null, 1)}`,
  )
  return report.failed ? 1 : 0
}

const [only] = storeNames
process.exitCode = storeNames.length === 1 && only !== undefined ? await runOne(only) : await runEach()
