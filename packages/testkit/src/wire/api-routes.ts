import { type Context, Hono } from 'hono'
import { type SimBindings, withhold } from './node-socket.js'
import { type SignedApiOptions, signedApi } from './signed-api.js'

export type ApiRoutesOptions = SignedApiOptions

/**
 * `POST /ams/api/v1/payments/:endpoint` and its sandbox twin: `signedApi` behind Hono, its answer sent as the
 * response and a withheld call kept unanswered (`withhold`).
 */
export const apiRoutes = (options: ApiRoutesOptions) => {
  const api = signedApi(options)
  const call = async (c: Context<{ Bindings: SimBindings }>): Promise<Response> => {
    const reply = await api({ path: c.req.path, headers: c.req.raw.headers, body: await c.req.text() })
    if (reply.kind === 'withheld') return withhold(c.env, reply.withheld)
    return new Response(reply.body, { status: reply.status, headers: reply.headers })
  }

  return new Hono<{ Bindings: SimBindings }>()
    .post('/ams/api/v1/payments/:endpoint', call)
    .post('/ams/sandbox/api/v1/payments/:endpoint', call)
}
