import { firstColumn, type OpenOptions, type SqliteConnection } from './connection.js'
import { load } from './load.js'
import { savepointTransactions } from './savepoints.js'

interface NodeStatement {
  run(...params: unknown[]): { changes: number | bigint }
  get(...params: unknown[]): unknown
  all(...params: unknown[]): unknown[]
}

interface NodeDatabase {
  prepare(sql: string): NodeStatement
  exec(sql: string): void
  close(): void
}

type Constructor = new (filename: string, options: { readonly readOnly?: boolean }) => NodeDatabase

/** `node:sqlite`, built into Deno 2 and newer Node: no transaction helper of its own, so savepoints are ours. */
export const openNodeSqlite = (options: OpenOptions): SqliteConnection => {
  const DatabaseSync = load<Constructor>('node:sqlite', 'DatabaseSync')
  const db = new DatabaseSync(options.filename, options.readonly === true ? { readOnly: true } : {})
  let open = true
  db.exec(`PRAGMA busy_timeout = ${Math.trunc(options.busyTimeoutMs)}`)
  const exec = (sql: string) => db.exec(sql)
  return {
    driver: 'node:sqlite',
    native: db,
    get open() {
      return open
    },
    prepare: <Params extends unknown[], Row>(sql: string) => {
      const statement = db.prepare(sql)
      return {
        run: (...params: Params) => ({ changes: Number(statement.run(...params).changes) }),
        get: (...params: Params) => statement.get(...params) as Row | undefined,
        all: (...params: Params) => statement.all(...params) as Row[],
      }
    },
    exec,
    transaction: savepointTransactions(exec),
    pragma: (pragma) => firstColumn(db.prepare(`PRAGMA ${pragma}`).get()),
    close: () => {
      if (open) db.close()
      open = false
    },
  }
}
