import { StoreUnavailable } from '@paychart/core/store'
import * as Effect from 'effect/Effect'
import { type Answer, type Refusal, refusalError } from './answers.js'

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** A call to a Durable Object: a thrown error or a broken connection is `StoreUnavailable`, with the operation. */
export const rpc = <T>(operation: string, call: () => Promise<T>): Effect.Effect<T, StoreUnavailable> =>
  Effect.tryPromise({
    try: call,
    catch: (error) => new StoreUnavailable({ operation, reason: reasonOf(error) }),
  })

/** A call answering `Answer<T>`: a refusal becomes the core's tagged error. */
export const answered = <T, R extends Refusal>(operation: string, call: () => Promise<Answer<T, R>>) =>
  Effect.flatMap(rpc(operation, call), (answer) =>
    answer.ok ? Effect.succeed(answer.value) : Effect.fail(refusalError(answer.refusal)),
  )
