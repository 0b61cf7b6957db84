import type { HeaderSource } from '@paychart/antom'
import type { ResponseBody, Simulator } from '../simulator/index.js'
import type { GatewayKeys } from './keys.js'
import { checkRequestSignature } from './request-signature.js'
import { signedResponseHeaders } from './response-signature.js'
import { type Withheld, withheldOf } from './silence.js'

export interface SignedApiOptions {
  readonly simulator: Simulator
  readonly clientId: string
  readonly keys: () => Promise<GatewayKeys>
}

/** A call to the API as it arrived: the path (no query), the headers in any case, the raw body. */
export interface ApiCall {
  readonly path: string
  readonly headers: HeaderSource
  readonly body: string
}

/** What the API does with a call: answers it (signed, or unsigned under an `unsigned` fault), or withholds it. */
export type ApiReply =
  | {
      readonly kind: 'answer'
      readonly status: number
      readonly headers: Readonly<Record<string, string>>
      readonly body: string
    }
  | { readonly kind: 'withheld'; readonly withheld: Withheld }

const API_PATH = /^\/ams\/(?:sandbox\/)?api\/v1\/payments\/([^/]+)$/

/** A path outside the API, answered as Hono answers a route it does not have. */
const NOT_FOUND: ApiReply = { kind: 'answer', status: 404, headers: {}, body: '404 Not Found' }

const failure = (resultCode: string, resultMessage: string): ResponseBody => ({
  result: { resultCode, resultStatus: 'F', resultMessage },
})

const parseJson = (text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

/**
 * The simulator's signed API with no HTTP objects: the raw body's signature checked with the merchant public key, the
 * call handed to the simulator, its answer signed with the gateway private key, withheld, or (an `unsigned` fault)
 * given unsigned with the fault's status; a path outside `/ams/(sandbox/)api/v1/payments/<endpoint>` is 404. The
 * app's routes and `simulatorApiTransport` both call it.
 */
export const signedApi = ({ simulator, clientId, keys }: SignedApiOptions) => {
  return async ({ path, headers, body }: ApiCall): Promise<ApiReply> => {
    const endpoint = API_PATH.exec(path)?.[1]
    if (endpoint === undefined) return NOT_FOUND
    const { signer, merchantVerifier } = await keys()
    const answer = async (answerBody: ResponseBody): Promise<ApiReply> => {
      const text = JSON.stringify(answerBody)
      const signed = await signedResponseHeaders({ path, clientId, body: text, now: simulator.config.now(), signer })
      return { kind: 'answer', status: 200, headers: signed, body: text }
    }

    const check = await checkRequestSignature({ path, headers, body, clientId, verifier: merchantVerifier })
    if (!check.ok) return answer(failure('INVALID_SIGNATURE', check.reason))
    const parsed = parseJson(body)
    if (!parsed.ok) return answer(failure('PARAM_ILLEGAL', 'the request body is not JSON'))

    const outcome = simulator.handle(endpoint, parsed.value)
    if (outcome.fault === undefined) return answer(outcome.body)
    if (outcome.fault === 'unsigned') {
      // As a faulty proxy or load balancer would give it: the status, JSON, no signature headers.
      return {
        kind: 'answer',
        status: outcome.httpStatus,
        headers: { 'content-type': 'application/json; charset=UTF-8' },
        body: JSON.stringify(outcome.body),
      }
    }
    return { kind: 'withheld', withheld: withheldOf(outcome) }
  }
}
