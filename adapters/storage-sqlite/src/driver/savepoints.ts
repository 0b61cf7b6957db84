import type { SqliteTransaction } from './connection.js'

/**
 * Transactions over plain `exec`, for a driver that has none of its own: BEGIN (IMMEDIATE or DEFERRED) at the
 * outermost level, a savepoint inside another, rolled back to on a throw, as better-sqlite3 and bun:sqlite do.
 */
export const savepointTransactions = (exec: (sql: string) => void) => {
  let depth = 0
  const inTransaction =
    <Args extends unknown[], Result>(work: (...args: Args) => Result, begin: string) =>
    (...args: Args): Result => {
      if (depth > 0) {
        const savepoint = `paychart_${depth}`
        exec(`SAVEPOINT ${savepoint}`)
        depth += 1
        try {
          const result = work(...args)
          exec(`RELEASE ${savepoint}`)
          return result
        } catch (error) {
          exec(`ROLLBACK TO ${savepoint}`)
          exec(`RELEASE ${savepoint}`)
          throw error
        } finally {
          depth -= 1
        }
      }
      exec(begin)
      depth += 1
      try {
        const result = work(...args)
        exec('COMMIT')
        return result
      } catch (error) {
        try {
          exec('ROLLBACK')
        } catch {
          // No transaction is left to roll back: SQLite already ended it (a failed COMMIT, a full disk).
        }
        throw error
      } finally {
        depth -= 1
      }
    }
  return <Args extends unknown[], Result>(work: (...args: Args) => Result): SqliteTransaction<Args, Result> =>
    Object.assign(inTransaction(work, 'BEGIN DEFERRED'), {
      immediate: inTransaction(work, 'BEGIN IMMEDIATE'),
      deferred: inTransaction(work, 'BEGIN DEFERRED'),
    })
}
