import { type Context, Hono } from 'hono'
import type { ResponseBody, Simulator, UnsignedAnswer } from '../simulator/index.js'
import type { GatewayKeys } from './keys.js'
import { type SimBindings, withhold } from './node-socket.js'
import { checkRequestSignature } from './request-signature.js'
import { signedResponseHeaders } from './response-signature.js'
import { withheldOf } from './silence.js'

export interface ApiRoutesOptions {
  readonly simulator: Simulator
  readonly clientId: string
  readonly keys: () => Promise<GatewayKeys>
}

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

/** An unsigned answer as a faulty proxy or load balancer would give it: the status, JSON, no signature headers. */
const unsigned = ({ body, httpStatus }: UnsignedAnswer): Response =>
  new Response(JSON.stringify(body), {
    status: httpStatus,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
  })

/**
 * `POST /ams/api/v1/payments/:endpoint` and its sandbox twin: the raw body's signature checked with the merchant
 * public key, the call handed to the simulator, its answer signed with the gateway private key, withheld, or
 * (an `unsigned` fault) sent unsigned with the fault's status.
 */
export const apiRoutes = ({ simulator, clientId, keys }: ApiRoutesOptions) => {
  const call = async (c: Context<{ Bindings: SimBindings }>): Promise<Response> => {
    const path = c.req.path
    const raw = await c.req.text()
    const { signer, merchantVerifier } = await keys()
    const answer = async (body: ResponseBody) => {
      const text = JSON.stringify(body)
      const headers = await signedResponseHeaders({ path, clientId, body: text, now: simulator.config.now(), signer })
      return new Response(text, { status: 200, headers })
    }

    const check = await checkRequestSignature({
      path,
      headers: c.req.raw.headers,
      body: raw,
      clientId,
      verifier: merchantVerifier,
    })
    if (!check.ok) return answer(failure('INVALID_SIGNATURE', check.reason))
    const parsed = parseJson(raw)
    if (!parsed.ok) return answer(failure('PARAM_ILLEGAL', 'the request body is not JSON'))

    const outcome = simulator.handle(c.req.param('endpoint') ?? '', parsed.value)
    if (outcome.fault === undefined) return answer(outcome.body)
    if (outcome.fault === 'unsigned') return unsigned(outcome)
    return withhold(c.env, withheldOf(outcome))
  }

  return new Hono<{ Bindings: SimBindings }>()
    .post('/ams/api/v1/payments/:endpoint', call)
    .post('/ams/sandbox/api/v1/payments/:endpoint', call)
}
