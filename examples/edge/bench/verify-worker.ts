// The baseline of durable-webhook.bench.ts: a worker that checks a notification as the webhook route does (the body
// cap, then the Antom signature over the raw body with WebCrypto and the request-time window) and answers the
// acknowledgement. Nothing is decoded and nothing is stored.
import { importPublicKey, NOTIFICATION_ACK_BODY } from '@paychart/antom'
import { antomSignature, bodyLimit, type RawBodyEnv } from '@paychart/hono'
import * as Effect from 'effect/Effect'
import { Hono } from 'hono/tiny'

interface VerifyBindings {
  readonly ANTOM_CLIENT_ID: string
  readonly ANTOM_PUBLIC_KEY: string
}

const appFor = async (env: VerifyBindings) => {
  const publicKey = await Effect.runPromise(importPublicKey(env.ANTOM_PUBLIC_KEY, { backend: 'webcrypto' }))
  return new Hono<RawBodyEnv>().post(
    '/antom/notify/payment',
    bodyLimit(),
    antomSignature({ publicKey, clientId: env.ANTOM_CLIENT_ID }),
    (c) => c.body(NOTIFICATION_ACK_BODY, 200, { 'content-type': 'application/json' }),
  )
}

let app: ReturnType<typeof appFor> | undefined

export default {
  async fetch(request: Request, env: VerifyBindings): Promise<Response> {
    app ??= appFor(env)
    return (await app).fetch(request)
  },
}
