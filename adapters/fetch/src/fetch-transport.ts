import { type HttpRequest, OutcomeUnknown, RequestNotSent, ResponseTooLarge, Transport } from '@paychart/antom'
import * as Clock from 'effect/Clock'
import * as Duration from 'effect/Duration'
import * as Effect from 'effect/Effect'
import * as Layer from 'effect/Layer'
import { attemptOnce } from './attempt.js'
import { backoffDelayMs } from './backoff.js'
import type { Failure } from './classify.js'
import { type Settled, verdict } from './exhausted.js'
import { emit } from './log.js'
import { type FetchTransportOptions, resolveOptions } from './options.js'
import { retryableResultCode } from './retryable-response.js'

export type { FetchTransportOptions } from './options.js'

const failureReason = (failure: Failure): string =>
  failure.codes.length === 0 ? failure.kind : `${failure.kind} ${failure.codes.join(',')}`

/**
 * The Transport over `fetch`, as a plain service value (handy in tests). Retries the identical request only when
 * nothing was answered (not sent, timeout, connection lost) or the gateway answered a retryable U; see README.
 */
export const makeFetchTransport = (options?: FetchTransportOptions): Transport['Service'] => {
  const settings = resolveOptions(options)
  const send = Effect.fn('FetchTransport.send')(function* (request: HttpRequest) {
    const url = request.url
    const started = yield* Clock.currentTimeMillis
    const elapsed = Effect.map(Clock.currentTimeMillis, (now) => now - started)
    const settled: Settled[] = []
    for (let attempt = 1; ; attempt++) {
      emit(settings.log, { event: 'attempt', url, attempt, durationMs: yield* elapsed })
      const outcome = yield* Effect.promise((signal) => attemptOnce(request, settings, signal))
      const durationMs = yield* elapsed
      let reason: string
      if (outcome._tag === 'TooLarge') {
        emit(settings.log, { event: 'failure', url, attempt, durationMs, reason: 'responseTooLarge' })
        return yield* new ResponseTooLarge({ url, limitBytes: settings.maxResponseBytes })
      }
      if (outcome._tag === 'Unsendable') {
        emit(settings.log, { event: 'failure', url, attempt, durationMs, reason: 'unsendable' })
        return yield* new RequestNotSent({ url, reason: `fetch refused the request before sending: ${outcome.detail}` })
      }
      if (outcome._tag === 'Answered') {
        const { status } = outcome.response
        const code = retryableResultCode(outcome.response.body)
        emit(settings.log, {
          event: 'response',
          url,
          attempt,
          durationMs,
          status,
          ...(code === undefined ? {} : { reason: code }),
        })
        if (code === undefined) return outcome.response
        reason = code
      } else {
        reason = failureReason(outcome.failure)
        emit(settings.log, { event: 'failure', url, attempt, durationMs, reason })
      }
      settled.push(outcome)
      if (attempt >= settings.maxAttempts) break
      const delayMs = backoffDelayMs(attempt, settings)
      emit(settings.log, { event: 'retry', url, attempt, durationMs, reason, delayMs })
      yield* Effect.sleep(Duration.millis(delayMs))
    }
    const result = verdict(url, settled)
    if (result instanceof RequestNotSent || result instanceof OutcomeUnknown) return yield* result
    return result
  })
  return { send }
}

/** A Layer providing `Transport` over the global `fetch` (or `options.fetch`). */
export const fetchTransport = (options?: FetchTransportOptions): Layer.Layer<Transport> =>
  Layer.succeed(Transport, makeFetchTransport(options))
