import type { SqliteDriverName } from './driver/connection.js'

export interface SqliteStoreOptions {
  /** The database file; created, with its schema, if it does not exist. */
  readonly filename: string
  /** How long a write waits for another connection's write lock before failing with `StoreUnavailable` (5000). */
  readonly busyTimeoutMs?: number
  /**
   * `FULL` (the default) syncs the WAL on every commit: a committed payment survives a power cut. `NORMAL` syncs at
   * checkpoints only: still safe against a crashed or killed process, faster, but the last commits may be lost
   * when the machine itself goes down.
   */
  readonly synchronous?: 'FULL' | 'NORMAL'
  /**
   * The driver: by default the runtime's own SQLite under Bun (`bun:sqlite`) and Deno (`node:sqlite`), and
   * better-sqlite3 on Node. Set `node:sqlite` to use the one built into Node 22.5 and later instead.
   */
  readonly driver?: SqliteDriverName
  /**
   * How long a completion (`completeCommand`) waits for the next write transaction to carry it before it is written
   * in one of its own, in milliseconds (default 10). Riding saves a transaction per delivery; one lost in a crash only
   * runs its item again.
   */
  readonly completionRideMs?: number
  /**
   * The page size of a file this store creates, in bytes: a power of two from 512 to 65536 (default 1024). A commit
   * changes a few rows in each of several tables, and the WAL takes every changed page whole: small pages write (and
   * sync) about a third of the bytes 4096-byte pages do. A file that exists keeps the page size it was created with.
   */
  readonly pageSize?: number
}

export const DEFAULT_PAGE_SIZE = 1024

/** The page size `options` ask for; a RangeError naming `pageSize` for one SQLite does not allow. */
export const pageSizeOf = (options: SqliteStoreOptions): number => {
  const size = options.pageSize ?? DEFAULT_PAGE_SIZE
  const allowed = Number.isInteger(size) && size >= 512 && size <= 65536 && (size & (size - 1)) === 0
  if (!allowed) throw new RangeError(`pageSize must be a power of two from 512 to 65536, got ${size}`)
  return size
}
