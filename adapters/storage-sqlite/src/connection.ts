import type { SqliteConnection } from './driver/connection.js'
import { openDriver } from './driver/open-driver.js'
import { sqliteCodeOf } from './driver/result-codes.js'
import { pageSizeOf, type SqliteStoreOptions } from './options.js'

const isBusy = (error: unknown): boolean => error instanceof Error && sqliteCodeOf(error) === 'SQLITE_BUSY'

/** Blocks the thread: opening a connection is synchronous, as the drivers are. */
const pause = (ms: number) => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/**
 * `journal_mode = WAL`, tried again until `timeoutMs` while the file is busy. On a file still in rollback mode (a new
 * one that another process is creating, or switching to WAL) SQLite refuses the switch at once, without its busy
 * handler, when another connection holds the write lock: several processes opening one new store together would
 * otherwise fail with SQLITE_BUSY.
 */
const switchToWal = (db: SqliteConnection, timeoutMs: number): unknown => {
  const deadline = Date.now() + timeoutMs
  for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
    try {
      return db.pragma('journal_mode = WAL')
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error
      pause(wait)
    }
  }
}

/**
 * A connection with the settings every connection to a store's file needs: the page size of a new file, WAL (readers
 * never block the writer), the busy timeout, foreign keys on, and the chosen sync level.
 */
export const openConnection = (options: SqliteStoreOptions): SqliteConnection => {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5_000
  const db = openDriver({
    filename: options.filename,
    busyTimeoutMs,
    ...(options.driver === undefined ? {} : { driver: options.driver }),
  })
  try {
    // Only a file not yet written takes it: switching to WAL writes the header, and with it the page size.
    db.pragma(`page_size = ${pageSizeOf(options)}`)
    const mode = switchToWal(db, busyTimeoutMs)
    if (mode !== 'wal') throw new Error(`journal_mode is ${String(mode)}, not wal: a store needs a database file`)
    db.pragma('foreign_keys = ON')
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
