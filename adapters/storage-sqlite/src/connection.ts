import Database from 'better-sqlite3'
import type { SqliteStoreOptions } from './options.js'

/**
 * A connection with the settings every connection to a store's file needs: WAL (readers never block the writer),
 * the busy timeout, foreign keys on, and the chosen sync level.
 */
export const openConnection = (options: SqliteStoreOptions): Database.Database => {
  const db = new Database(options.filename, { timeout: options.busyTimeoutMs ?? 5_000 })
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true })
    if (mode !== 'wal') throw new Error(`journal_mode is ${String(mode)}, not wal: a store needs a database file`)
    db.pragma('foreign_keys = ON')
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
