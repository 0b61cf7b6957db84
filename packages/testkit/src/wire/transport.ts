import { type HttpResponse, OutcomeUnknown, Transport } from '@paychart/antom'
import * as Effect from 'effect/Effect'
import * as Layer from 'effect/Layer'
import type { FetchApp } from './msw.js'
import { readWithheld } from './silence.js'

const headersOf = (headers: Headers): Record<string, string> => {
  const record: Record<string, string> = {}
  headers.forEach((value, name) => {
    record[name.toLowerCase()] = value
  })
  return record
}

/**
 * `@paychart/antom`'s `Transport` straight into the app's `fetch`: no socket, no port. A withheld answer fails at
 * once with `OutcomeUnknown` (`'timeout'` for a hold, `'connectionLost'` for a drop) instead of waiting.
 */
export const simulatorTransport = (app: FetchApp): Layer.Layer<Transport> =>
  Layer.succeed(Transport, {
    send: (request) =>
      Effect.tryPromise({
        // No AbortSignal: the app answers at once or withholds, so there is nothing to abort; an interrupted call
        // stops waiting without one, and making one costs each call about as much as the Request itself.
        try: async (): Promise<HttpResponse | OutcomeUnknown> => {
          const response = await app.fetch(
            new Request(request.url, { method: request.method, headers: request.headers, body: request.body }),
          )
          const withheld = readWithheld(response)
          if (withheld !== undefined) {
            return new OutcomeUnknown({
              url: request.url,
              reason: withheld.fault === 'dropConnection' ? 'connectionLost' : 'timeout',
              detail: `the simulator withheld its answer (${withheld.fault})`,
            })
          }
          return { status: response.status, headers: headersOf(response.headers), body: await response.text() }
        },
        catch: (error) =>
          new OutcomeUnknown({ url: request.url, reason: 'connectionLost', detail: `the app threw: ${String(error)}` }),
      }).pipe(
        Effect.flatMap((answer) => (answer instanceof OutcomeUnknown ? Effect.fail(answer) : Effect.succeed(answer))),
      ),
  })
