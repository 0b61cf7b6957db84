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
}
