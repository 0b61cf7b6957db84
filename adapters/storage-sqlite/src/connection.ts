import type { SqliteConnection } from './driver/connection.js'
import { openDriver } from './driver/open-driver.js'
import type { SqliteStoreOptions } from './options.js'

/**
 * A connection with the settings every connection to a store's file needs: WAL (readers never block the writer),
 * the busy timeout, foreign keys on, and the chosen sync level.
 */
export const openConnection = (options: SqliteStoreOptions): SqliteConnection => {
  const db = openDriver({
    filename: options.filename,
    busyTimeoutMs: options.busyTimeoutMs ?? 5_000,
    ...(options.driver === undefined ? {} : { driver: options.driver }),
  })
  try {
    const mode = db.pragma('journal_mode = WAL')
    if (mode !== 'wal') throw new Error(`journal_mode is ${String(mode)}, not wal: a store needs a database file`)
    db.pragma('foreign_keys = ON')
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
