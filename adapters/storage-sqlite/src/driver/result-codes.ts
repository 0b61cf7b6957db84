/** SQLite's primary result codes by number (https://sqlite.org/rescode.html), for drivers that give only the number. */
const PRIMARY: Record<number, string> = {
  1: 'SQLITE_ERROR',
  3: 'SQLITE_PERM',
  4: 'SQLITE_ABORT',
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  7: 'SQLITE_NOMEM',
  8: 'SQLITE_READONLY',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  19: 'SQLITE_CONSTRAINT',
  21: 'SQLITE_MISUSE',
  26: 'SQLITE_NOTADB',
}

/** SQLite's own message for a code (`sqlite3_errstr`), for a driver that gives only the message. */
const BY_MESSAGE: ReadonlyArray<readonly [RegExp, string]> = [
  [/^database is locked/, 'SQLITE_BUSY'],
  [/^database table is locked/, 'SQLITE_LOCKED'],
  [/^attempt to write a readonly database/, 'SQLITE_READONLY'],
  [/^disk I\/O error/, 'SQLITE_IOERR'],
  [/^database disk image is malformed/, 'SQLITE_CORRUPT'],
  [/^database or disk is full/, 'SQLITE_FULL'],
  [/^unable to open database file/, 'SQLITE_CANTOPEN'],
  [/constraint failed/, 'SQLITE_CONSTRAINT'],
  [/^file is not a database/, 'SQLITE_NOTADB'],
]

/**
 * The code an error names: better-sqlite3 and bun:sqlite set `code` to SQLite's name (`SQLITE_BUSY`); Node's
 * node:sqlite sets `code` to `ERR_SQLITE_ERROR` and the number in `errcode` (whose low byte is the primary code),
 * Deno's only the message.
 */
export const sqliteCodeOf = (error: Error): string | undefined => {
  const { code, errcode } = error as { readonly code?: unknown; readonly errcode?: unknown }
  if (typeof errcode === 'number') return PRIMARY[errcode & 0xff] ?? `SQLITE_${errcode}`
  if (code === 'ERR_SQLITE_ERROR') return BY_MESSAGE.find(([pattern]) => pattern.test(error.message))?.[1] ?? code
  return typeof code === 'string' ? code : undefined
}
