import type { SqliteConnection } from './driver/connection.js'
import type { Statements } from './statements.js'
import { writeCompletions } from './write-commit.js'

/** Completions (`completeCommand`) held for the next write transaction. */
export interface HeldCompletions {
  readonly add: (commandId: string) => void
  /**
   * Runs `write` with every held completion (to write in its transaction); if it throws, they are held again for the
   * next transaction, and the error goes on.
   */
  readonly carriedBy: <A>(write: (commandIds: ReadonlyArray<string>) => A) => A
  /** Writes every held completion now, in a transaction of their own. */
  readonly flush: () => void
}

/**
 * Completions ride with the next write transaction (a commit, a claim) instead of each costing one of its own: the
 * outbox pages a completion changes are the ones the next commit writes anyway. Those no transaction carried within
 * `rideMs` are written by `writeAlone`. A completion lost in a crash only runs its item again, which the outbox
 * allows; the item stays leased meanwhile, so no relay takes it in those milliseconds.
 */
export const heldCompletions = (
  writeAlone: (commandIds: ReadonlyArray<string>) => void,
  rideMs: number,
): HeldCompletions => {
  let held: string[] = []
  let timer: ReturnType<typeof setTimeout> | undefined

  const carriedBy = <A>(write: (commandIds: ReadonlyArray<string>) => A): A => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    const carried = held
    held = []
    try {
      return write(carried)
    } catch (error) {
      held = [...carried, ...held]
      if (held.length > 0) startTimer()
      throw error
    }
  }
  const flush = () => {
    if (held.length > 0) carriedBy(writeAlone)
  }
  function startTimer() {
    if (timer !== undefined) return
    timer = setTimeout(() => {
      timer = undefined
      try {
        flush()
      } catch {
        // Held for the next transaction, which reports its own failure.
      }
    }, rideMs)
    // Held completions never keep a process alive: lost at exit, their items only run again.
    if (typeof timer === 'object') timer.unref?.()
  }

  return {
    add: (commandId) => {
      held.push(commandId)
      startTimer()
    },
    carriedBy,
    flush,
  }
}

/**
 * `work` as an immediate transaction that writes the held completions first (outside any savepoint `work` opens, so
 * they do not depend on its outcome); held again if the transaction fails.
 */
export const completingFirst =
  (db: SqliteConnection, sql: Statements, completions: HeldCompletions) =>
  <Args extends unknown[], Result>(work: (...args: Args) => Result): ((...args: Args) => Result) => {
    const transaction = db.transaction((commandIds: ReadonlyArray<string>, ...args: Args) => {
      writeCompletions(sql, commandIds)
      return work(...args)
    })
    return (...args) => completions.carriedBy((commandIds) => transaction.immediate(commandIds, ...args))
  }

export type CompletingFirst = ReturnType<typeof completingFirst>
