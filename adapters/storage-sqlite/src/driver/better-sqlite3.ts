import type Database from 'better-sqlite3'
import type { OpenOptions, SqliteConnection } from './connection.js'
import { load } from './load.js'

type Constructor = new (filename: string, options: Database.Options) => Database.Database

/** Node's driver: a native addon whose API the connection interface follows. */
export const openBetterSqlite3 = (options: OpenOptions): SqliteConnection => {
  const BetterSqlite3 = load<Constructor>('better-sqlite3')
  const db = new BetterSqlite3(options.filename, {
    timeout: options.busyTimeoutMs,
    ...(options.readonly === true ? { readonly: true, fileMustExist: true } : {}),
  })
  return {
    driver: 'better-sqlite3',
    native: db,
    get open() {
      return db.open
    },
    prepare: (sql) => db.prepare(sql) as never,
    exec: (sql) => void db.exec(sql),
    transaction: (work) => db.transaction(work) as never,
    pragma: (pragma) => db.pragma(pragma, { simple: true }),
    close: () => void db.close(),
  }
}
