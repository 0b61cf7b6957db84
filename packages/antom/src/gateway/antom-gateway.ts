import { Gateway } from '@paychart/core'
import * as Clock from 'effect/Clock'
import * as Effect from 'effect/Effect'
import * as Layer from 'effect/Layer'
import type { BackendUnavailable, InvalidKey } from '../signing/index.js'
import type { Transport } from '../transport.js'
import { type AntomClientOptions, makeAntomAnswers } from './client.js'
import { executeWith } from './execute.js'

export interface AntomGatewayOptions extends AntomClientOptions {
  /** The time stamped on each event (epoch ms); default Effect's `Clock`. */
  readonly now?: () => number
}

/**
 * core's `Gateway` port over the Antom API: each command's request built from the command (and, for a pay or a
 * verification, from the secrets beside it), sent through `makeAntomAnswers`, and its outcome returned as the machine
 * event (`answerEvent` / `failureEvent`). `execute` never fails and logs nothing: no body, card data or OTP.
 * Fails to build only on a bad key.
 */
export const antomGateway = (
  options: AntomGatewayOptions,
): Layer.Layer<Gateway, InvalidKey | BackendUnavailable, Transport> =>
  Layer.effect(
    Gateway,
    Effect.gen(function* () {
      const { now, ...clientOptions } = options
      const answers = yield* makeAntomAnswers(clientOptions)
      const clock = now === undefined ? Clock.currentTimeMillis : Effect.sync(now)
      return { execute: executeWith(answers, clock) }
    }),
  )
