import type { PaymentNotFound, StoreUnavailable } from '@paychart/core'
import type { Commit, StoredPayment, VersionConflict } from '@paychart/core/store'
import * as Effect from 'effect/Effect'
import type { SqliteConnection } from './driver/connection.js'
import { unavailable } from './driver-errors.js'
import type { CompletingFirst } from './held-completions.js'
import type { Statements } from './statements.js'
import { writeCommit } from './write-commit.js'

type Failure = VersionConflict | PaymentNotFound | StoreUnavailable
type Outcome = StoredPayment | Failure
type Resume = (effect: Effect.Effect<StoredPayment, Failure>) => void

const isFailure = (outcome: Outcome): outcome is Failure => outcome instanceof Error

const settled = (outcome: Outcome): Effect.Effect<StoredPayment, Failure> =>
  isFailure(outcome) ? Effect.fail(outcome) : Effect.succeed(outcome)

/**
 * Group commit: the commits that arrive in one turn of the event loop are written in one immediate transaction, and
 * so share one flush to disk. Each runs in a savepoint of its own and keeps its own outcome: a version conflict
 * writes nothing of that commit, and a driver error in one rolls back only that one. Only when the transaction
 * itself cannot begin or end does every commit of the group fail, with `StoreUnavailable`, and none is written.
 * The held completions ride with the group, outside any commit's savepoint: they do not depend on its outcome.
 */
export const groupCommit = (db: SqliteConnection, sql: Statements, completingFirst: CompletingFirst) => {
  let waiting: Array<{ readonly change: Commit; readonly resume: Resume }> = []
  const one = db.transaction((change: Commit) => writeCommit(sql, change))
  const alone = completingFirst((change: Commit) => writeCommit(sql, change))
  const all = completingFirst((changes: ReadonlyArray<Commit>) =>
    changes.map((change): Outcome => {
      try {
        // Inside the group's transaction, every driver runs a nested transaction as a savepoint.
        return one(change)
      } catch (error) {
        return unavailable('commit', error)
      }
    }),
  )

  const flush = () => {
    const group = waiting
    waiting = []
    let outcomes: ReadonlyArray<Outcome>
    try {
      // A group of one needs no savepoint: its own transaction is the group's.
      const [only] = group
      outcomes =
        group.length === 1 && only !== undefined ? [alone(only.change)] : all(group.map((pending) => pending.change))
    } catch (error) {
      const failed = unavailable('commit', error)
      for (const pending of group) pending.resume(Effect.fail(failed))
      return
    }
    for (const [i, pending] of group.entries()) pending.resume(settled(outcomes[i] as Outcome))
  }

  return (change: Commit): Effect.Effect<StoredPayment, Failure> =>
    Effect.callback((resume) => {
      waiting.push({ change, resume })
      if (waiting.length === 1) queueMicrotask(flush)
    })
}
