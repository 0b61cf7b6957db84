import { firstColumn, type OpenOptions, type SqliteConnection, type SqliteTransaction } from './connection.js'
import { load } from './load.js'

interface BunStatement {
  run(...params: unknown[]): { changes: number }
  get(...params: unknown[]): unknown
  all(...params: unknown[]): unknown[]
}

interface BunDatabase {
  prepare(sql: string): BunStatement
  exec(sql: string): void
  transaction<Args extends unknown[], Result>(work: (...args: Args) => Result): SqliteTransaction<Args, Result>
  close(): void
}

type Constructor = new (
  filename: string,
  options: { readonly strict: boolean; readonly create?: boolean; readonly readonly?: boolean },
) => BunDatabase

/** Bun's built-in driver. Strict mode binds `@name` parameters from `{ name }`, as better-sqlite3 does. */
export const openBunSqlite = (options: OpenOptions): SqliteConnection => {
  const Database = load<Constructor>('bun:sqlite', 'Database')
  const db = new Database(
    options.filename,
    options.readonly === true ? { strict: true, readonly: true } : { strict: true, create: true },
  )
  let open = true
  // bun:sqlite closes lazily while prepared statements live, and they keep working: refuse, as the other drivers do.
  const live = () => {
    if (!open) throw new TypeError('The database connection is not open')
  }
  db.exec(`PRAGMA busy_timeout = ${Math.trunc(options.busyTimeoutMs)}`)
  return {
    driver: 'bun:sqlite',
    native: db,
    get open() {
      return open
    },
    prepare: <Params extends unknown[], Row>(sql: string) => {
      const statement = db.prepare(sql)
      return {
        run: (...params: Params) => {
          live()
          return statement.run(...params)
        },
        // bun:sqlite answers null for no row; the store, like better-sqlite3, expects undefined.
        get: (...params: Params) => {
          live()
          return (statement.get(...params) ?? undefined) as Row | undefined
        },
        all: (...params: Params) => {
          live()
          return statement.all(...params) as Row[]
        },
      }
    },
    exec: (sql) => {
      live()
      db.exec(sql)
    },
    transaction: (work) => db.transaction(work),
    pragma: (pragma) => firstColumn(db.prepare(`PRAGMA ${pragma}`).get()),
    close: () => {
      if (open) db.close()
      open = false
    },
  }
}
