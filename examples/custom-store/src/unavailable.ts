import { StoreUnavailable } from '@paychart/core'
import { Effect } from 'effect'

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/**
 * Runs one round of Redis work. Anything it throws or rejects with (a lost connection, a timeout, a script error,
 * a reply this store did not expect) becomes `StoreUnavailable`: an error the engine handles, never a defect.
 */
export const tryRedis = <A>(operation: string, work: () => Promise<A>): Effect.Effect<A, StoreUnavailable> =>
  Effect.tryPromise({
    try: work,
    catch: (error) => new StoreUnavailable({ operation, reason: reasonOf(error) }),
  })
