import { Engine } from '@paychart/core'
import * as Effect from 'effect/Effect'
import * as Exit from 'effect/Exit'
import type { Context } from 'hono'
import type { RequestInvalid } from './checkout-body.js'
import { errorResponseOf } from './json-errors.js'
import type { EngineRunner } from './run.js'

/** 400 naming the field (never its value): `{ error: { tag, field, message } }`. */
export const invalidResponse = (c: Context, error: RequestInvalid) =>
  c.json({ error: { tag: error._tag, field: error.field, message: error.message } }, 400)

/** Runs one engine program through `run` and answers with `success`, or with the JSON error of its typed failure. */
export const engineAnswer =
  (run: EngineRunner) =>
  async <A, E>(
    c: Context,
    program: (engine: Engine['Service']) => Effect.Effect<A, E>,
    success: (value: A) => Response | Promise<Response>,
  ): Promise<Response> => {
    const exit = await run(
      Effect.gen(function* () {
        return yield* program(yield* Engine)
      }),
    ).catch((): Exit.Exit<A, unknown> => Exit.die('runner rejected'))
    if (Exit.isSuccess(exit)) return success(exit.value)
    const { status, body } = errorResponseOf(exit)
    return c.json(body, status)
  }
