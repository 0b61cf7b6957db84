import { openBetterSqlite3 } from './better-sqlite3.js'
import { openBunSqlite } from './bun-sqlite.js'
import type { OpenOptions, SqliteConnection, SqliteDriverName } from './connection.js'
import { openNodeSqlite } from './node-sqlite.js'

/** The runtime's own SQLite under Bun (`bun:sqlite`) and Deno (`node:sqlite`); better-sqlite3 on Node. */
export const defaultDriver = (): SqliteDriverName =>
  'Bun' in globalThis ? 'bun:sqlite' : 'Deno' in globalThis ? 'node:sqlite' : 'better-sqlite3'

const OPENERS: Record<SqliteDriverName, (options: OpenOptions) => SqliteConnection> = {
  'better-sqlite3': openBetterSqlite3,
  'bun:sqlite': openBunSqlite,
  'node:sqlite': openNodeSqlite,
}

export const openDriver = (options: OpenOptions & { readonly driver?: SqliteDriverName }): SqliteConnection =>
  OPENERS[options.driver ?? defaultDriver()](options)
