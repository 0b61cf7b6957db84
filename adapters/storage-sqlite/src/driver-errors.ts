import { StoreUnavailable } from '@paychart/core'
import * as Effect from 'effect/Effect'
import { sqliteCodeOf } from './driver/result-codes.js'

/** The driver's code and message (SQLITE_BUSY: database is locked, ...): never a row's values. */
const reasonOf = (error: unknown): string => {
  if (error instanceof Error) {
    const code = sqliteCodeOf(error)
    return code === undefined ? error.message : `${code}: ${error.message}`
  }
  return String(error)
}

export const unavailable = (operation: string, error: unknown): StoreUnavailable =>
  new StoreUnavailable({ operation, reason: reasonOf(error) })

/** Runs synchronous driver work; anything it throws (busy, closed, disk full) becomes `StoreUnavailable`. */
export const attempt = <A>(operation: string, work: () => A): Effect.Effect<A, StoreUnavailable> =>
  Effect.try({ try: work, catch: (error) => unavailable(operation, error) })
