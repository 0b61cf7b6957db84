import { type ApiError, toApiError } from '@paychart/core/result-codes'
import * as Clock from 'effect/Clock'
import * as Effect from 'effect/Effect'
import {
  decodeEndpointResponse,
  ENDPOINTS,
  type Endpoint,
  encodeRequest,
  type RequestOf,
  type ResponseOf,
  type WireDecodeError,
  type WireEncodeError,
} from '../schemas/index.js'
import {
  type BackendUnavailable,
  type InvalidKey,
  type InvalidSignature,
  importPrivateKey,
  importPublicKey,
  type MissingSignature,
  type SigningBackend,
  signRequest,
  verifyResponse,
} from '../signing/index.js'
import { Transport, type TransportError } from '../transport.js'
import { isAnswerResult } from './answer-result.js'
import { type AntomConfig, baseUrlOf } from './config.js'
import { endpointPath } from './endpoints.js'
import { UnverifiedAnswer } from './unverified-answer.js'

/** Everything that can go wrong on the way, before the gateway's own result is read. */
export type CallError =
  | TransportError
  | WireEncodeError
  | WireDecodeError
  | MissingSignature
  | InvalidSignature
  | UnverifiedAnswer

/** An endpoint's error channel: exactly the result codes its table lists, plus the ways a call can fail. */
export type EndpointError<E extends Endpoint> = ApiError<E> | CallError

export interface AntomClientOptions extends AntomConfig {
  /** `'node'` (node:crypto, the default on Node) or `'webcrypto'` (the default elsewhere): `defaultSigningBackend()`. */
  readonly signing?: SigningBackend
}

export type AntomClient = {
  readonly [E in Endpoint]: (request: RequestOf<E>) => Effect.Effect<ResponseOf<E>, EndpointError<E>>
}

/** The gateway's verified answers, whatever their result: what a decline tells beside its code stays readable. */
export type AntomAnswers = {
  readonly [E in Endpoint]: (request: RequestOf<E>) => Effect.Effect<ResponseOf<E>, CallError>
}

/** One call to an endpoint: its answer whatever its result (`makeAntomAnswers`), or with the result read. */
type AnswerCall = <E extends Endpoint>(endpoint: E, request: RequestOf<E>) => Effect.Effect<ResponseOf<E>, CallError>
type CheckedCall = <E extends Endpoint>(
  endpoint: E,
  request: RequestOf<E>,
) => Effect.Effect<ResponseOf<E>, EndpointError<E>>

/**
 * The call every endpoint makes: encode and sign the request, send it through the `Transport`, require a signed HTTP
 * 200 answer whose signature verifies (`UnverifiedAnswer`, `MissingSignature`, `InvalidSignature` otherwise: the
 * outcome is unknown), and decode it.
 */
const makeCall = Effect.fnUntraced(function* (options: AntomClientOptions) {
  const backend = options.signing === undefined ? {} : { backend: options.signing }
  const privateKey = yield* importPrivateKey(options.merchantPrivateKey, backend)
  const publicKey = yield* importPublicKey(options.antomPublicKey, backend)
  const transport = yield* Transport
  const baseUrl = baseUrlOf(options)
  const { clientId } = options

  const call: AnswerCall = <E extends Endpoint>(endpoint: E, request: RequestOf<E>) =>
    Effect.gen(function* () {
      const path = endpointPath(clientId, endpoint)
      const body = yield* encodeRequest(endpoint, request)
      const now = yield* Clock.currentTimeMillis
      const headers = yield* signRequest({
        path,
        clientId,
        body,
        now,
        privateKey,
        ...(options.keyVersion === undefined ? {} : { keyVersion: options.keyVersion }),
      })
      const response = yield* transport.send({
        method: 'POST',
        url: `${baseUrl}${path}`,
        headers: { ...headers },
        body,
      })
      // Only a signed HTTP 200 answer is the gateway's word: anything else leaves the outcome unknown.
      if (response.status !== 200) {
        return yield* new UnverifiedAnswer({ path, httpStatus: response.status, reason: 'httpStatus' })
      }
      const verified = yield* verifyResponse({
        path,
        clientId,
        headers: response.headers,
        body: response.body,
        publicKey,
      })
      if (verified._tag !== 'SignatureVerified') {
        return yield* new UnverifiedAnswer({ path, httpStatus: response.status, reason: 'unsigned' })
      }
      return (yield* decodeEndpointResponse(endpoint, response.body)) as ResponseOf<E>
    })
  return call
})

/** The gateway's result read: the answer when it succeeded (or asks the customer to act), its typed error otherwise. */
export const resultOf = <E extends Endpoint>(
  endpoint: E,
  answer: ResponseOf<E>,
): Effect.Effect<ResponseOf<E>, ApiError<E>> => {
  const result = (answer as { readonly result: { resultStatus: 'S' | 'F' | 'U'; resultCode: string } }).result
  return isAnswerResult(endpoint, result)
    ? Effect.succeed(answer)
    : Effect.fail(toApiError(endpoint, result) as ApiError<E>)
}

const checked =
  (call: AnswerCall): CheckedCall =>
  (endpoint, request) =>
    Effect.flatMap(call(endpoint, request), (answer) => resultOf(endpoint, answer))

type AnyCall = (endpoint: Endpoint, request: RequestOf<Endpoint>) => Effect.Effect<unknown, unknown>

/** One function per endpoint, each calling `call` with its endpoint. */
const byEndpoint = <Functions>(call: AnyCall): Functions =>
  Object.fromEntries(
    ENDPOINTS.map((endpoint) => [endpoint, (request: RequestOf<Endpoint>) => call(endpoint, request)]),
  ) as Functions

const spanned =
  (call: AnyCall): AnyCall =>
  (endpoint, request) =>
    call(endpoint, request).pipe(Effect.withSpan(`antom.${endpoint}`))

/** `makeAntomClient` without its last step: each function returns the verified answer, whatever result it carries. */
export const makeAntomAnswers = Effect.fn('makeAntomAnswers')(function* (options: AntomClientOptions) {
  return byEndpoint<AntomAnswers>(spanned(yield* makeCall(options)))
})

/** The client over `answers`: each call fails with the endpoint's own typed result-code error when it did not succeed. */
export const clientOver = (answers: AntomAnswers): AntomClient =>
  byEndpoint<AntomClient>(
    checked((endpoint, request) =>
      (
        answers[endpoint] as (
          request: RequestOf<typeof endpoint>,
        ) => Effect.Effect<ResponseOf<typeof endpoint>, CallError>
      )(request),
    ),
  )

/**
 * The Antom client: one function per endpoint. Each call encodes and signs the request, sends it through the
 * `Transport`, requires a signed HTTP 200 answer whose signature verifies (`UnverifiedAnswer`, `MissingSignature`,
 * `InvalidSignature` otherwise: the outcome is unknown), decodes it, and fails with the endpoint's own typed
 * result-code error when the gateway did not succeed (inside the call's span, which that marks as failed).
 */
export const makeAntomClient = Effect.fn('makeAntomClient')(function* (options: AntomClientOptions) {
  return byEndpoint<AntomClient>(spanned(checked(yield* makeCall(options))))
})

export type MakeClientError = InvalidKey | BackendUnavailable
