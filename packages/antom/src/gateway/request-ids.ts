import type { InvalidIdentifier } from '@paychart/core/ids'
import type { Result } from 'effect'
import * as Effect from 'effect/Effect'
import { WireEncodeError } from '../schemas/index.js'

/**
 * A branded id from core's constructor, or the `WireEncodeError` a request holding it would fail with: the request
 * cannot be built, so it is never sent (`failureEvent` answers it as PARAM_ILLEGAL). The error names the field and
 * the rule, never the value.
 */
export const brandedId = <Id>(
  what: string,
  result: Result.Result<Id, InvalidIdentifier>,
): Effect.Effect<Id, WireEncodeError> =>
  Effect.fromResult(result).pipe(
    Effect.mapError(
      (invalid) =>
        new WireEncodeError({
          what,
          path: invalid.field,
          message: invalid.message,
          issues: [{ path: invalid.field, message: invalid.message }],
        }),
    ),
  )
