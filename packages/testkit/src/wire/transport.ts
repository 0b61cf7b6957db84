import { type HttpRequest, type HttpResponse, OutcomeUnknown, Transport } from '@paychart/antom'
import * as Effect from 'effect/Effect'
import * as Layer from 'effect/Layer'
import type { SimulatorAppOptions } from './app.js'
import { defaultBackend, gatewayKeysOnce } from './keys.js'
import type { FetchApp } from './msw.js'
import { signedApi } from './signed-api.js'
import { readWithheld, type Withheld } from './silence.js'

const headersOf = (headers: Headers): Record<string, string> => {
  const record: Record<string, string> = {}
  headers.forEach((value, name) => {
    record[name.toLowerCase()] = value
  })
  return record
}

/** A withheld call as the in-process transports enact it: the outcome is unknown at once, with no waiting. */
const unanswered = (url: string, { fault }: Withheld): OutcomeUnknown =>
  new OutcomeUnknown({
    url,
    reason: fault === 'dropConnection' ? 'connectionLost' : 'timeout',
    detail: `the simulator withheld its answer (${fault})`,
  })

const threw = (url: string, error: unknown): OutcomeUnknown =>
  new OutcomeUnknown({ url, reason: 'connectionLost', detail: `the simulator threw: ${String(error)}` })

const sendWith = (
  request: HttpRequest,
  answer: () => Promise<HttpResponse | OutcomeUnknown>,
): Effect.Effect<HttpResponse, OutcomeUnknown> =>
  Effect.tryPromise({ try: answer, catch: (error) => threw(request.url, error) }).pipe(
    Effect.flatMap((answer) => (answer instanceof OutcomeUnknown ? Effect.fail(answer) : Effect.succeed(answer))),
  )

/**
 * `@paychart/antom`'s `Transport` straight into the app's `fetch`: no socket, no port. A withheld answer fails at
 * once with `OutcomeUnknown` (`'timeout'` for a hold, `'connectionLost'` for a drop) instead of waiting.
 */
export const simulatorTransport = (app: FetchApp): Layer.Layer<Transport> =>
  Layer.succeed(Transport, {
    send: (request) =>
      // No AbortSignal: the app answers at once or withholds, so there is nothing to abort; an interrupted call
      // stops waiting without one, and making one costs each call about as much as the Request itself.
      sendWith(request, async () => {
        const response = await app.fetch(
          new Request(request.url, { method: request.method, headers: request.headers, body: request.body }),
        )
        const withheld = readWithheld(response)
        if (withheld !== undefined) return unanswered(request.url, withheld)
        return { status: response.status, headers: headersOf(response.headers), body: await response.text() }
      }),
  })

/**
 * The simulator's signed API as a `Transport`, with no HTTP objects on the way: the same checks, answers, faults and
 * signatures as `simulatorTransport(createSimulatorApp(options))` for `/ams/...` calls (a withheld answer is
 * `OutcomeUnknown` at once), without building a `Request` and a `Response` for each call. For tests that make many
 * gateway calls; the app is what to serve, put behind msw, or wrap in middleware.
 */
export const simulatorApiTransport = ({
  simulator,
  keys,
  clientId,
  backend = defaultBackend(),
}: SimulatorAppOptions): Layer.Layer<Transport> => {
  const api = signedApi({ simulator, clientId, keys: gatewayKeysOnce(keys, backend) })
  return Layer.succeed(Transport, {
    send: (request) =>
      sendWith(request, async () => {
        const reply = await api({ ...request, path: new URL(request.url).pathname })
        if (reply.kind === 'withheld') return unanswered(request.url, reply.withheld)
        return { status: reply.status, headers: reply.headers, body: reply.body }
      }),
  })
}
