import { Engine } from '@paychart/core'
import { type EngineRunner, errorResponseOf } from '@paychart/hono'
import { Effect, Exit } from 'effect'

export type EngineResult<A> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly status: 400 | 404 | 409 | 500 | 503; readonly tag: string; readonly message: string }

/**
 * Runs one engine program and reads its outcome: the value, or the HTTP status, tag and message of the typed error
 * (`errorResponseOf`: a message that never carries card data; anything unexpected is a bare 500).
 */
export const engineCall = async <A, E>(
  run: EngineRunner,
  program: (engine: Engine['Service']) => Effect.Effect<A, E>,
): Promise<EngineResult<A>> => {
  const exit = await run(
    Effect.gen(function* () {
      return yield* program(yield* Engine)
    }),
  ).catch((): Exit.Exit<A, E> => Exit.die('the runner rejected'))
  if (Exit.isSuccess(exit)) return { ok: true, value: exit.value }
  const { status, body } = errorResponseOf(exit)
  return { ok: false, status, tag: body.error.tag, message: body.error.message }
}
