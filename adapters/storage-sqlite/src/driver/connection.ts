/** The SQLite drivers the store runs on: one per runtime, chosen automatically (see `openDriver`). */
export type SqliteDriverName = 'better-sqlite3' | 'bun:sqlite' | 'node:sqlite'

/** A prepared statement, as much of one as the store and its users need; every driver returns `undefined` for no row. */
export interface SqliteStatement<Params extends unknown[] = unknown[], Row = unknown> {
  readonly run: (...params: Params) => { readonly changes: number }
  readonly get: (...params: Params) => Row | undefined
  readonly all: (...params: Params) => Row[]
}

/** A function run in a transaction: called inside another, it runs in a savepoint of its own. */
export interface SqliteTransaction<Args extends unknown[], Result> {
  (...args: Args): Result
  /** Begins with `BEGIN IMMEDIATE`: takes the write lock first, so the transaction never fails half-way on it. */
  readonly immediate: (...args: Args) => Result
  readonly deferred: (...args: Args) => Result
}

/** One connection to a database file, the same on every driver. */
export interface SqliteConnection {
  readonly driver: SqliteDriverName
  /** The driver's own connection (a better-sqlite3 `Database`, a `bun:sqlite` `Database`, a `node:sqlite` `DatabaseSync`). */
  readonly native: unknown
  readonly open: boolean
  readonly prepare: <Params extends unknown[] = unknown[], Row = unknown>(sql: string) => SqliteStatement<Params, Row>
  readonly exec: (sql: string) => void
  readonly transaction: <Args extends unknown[], Result>(
    work: (...args: Args) => Result,
  ) => SqliteTransaction<Args, Result>
  /** Runs `PRAGMA <pragma>` and returns the first column of its first row (`pragma('journal_mode')` → `'wal'`). */
  readonly pragma: (pragma: string) => unknown
  readonly close: () => void
}

export interface OpenOptions {
  readonly filename: string
  readonly busyTimeoutMs: number
  readonly readonly?: boolean
}

/** The first column of a row, for pragmas. */
export const firstColumn = (row: unknown): unknown =>
  row === undefined || row === null ? undefined : Object.values(row as object)[0]
