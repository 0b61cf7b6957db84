import { NOTIFICATION_ACK_BODY } from '@paychart/antom'
import { figure, writeFigures } from '@paychart/bench-kit'
import { Engine } from '@paychart/core'
import { Effect } from 'effect'
import { Hono } from 'hono'
import { makeEngine, makeKeys, NOW, paymentNotification, signedHeaders } from '../src/hono.fixtures.js'
import { antomSignature, bodyLimit, type RawBodyEnv } from '../src/middleware.js'
import { webhookRoutes } from '../src/webhook-routes.js'

/** Payments waiting for their result, one notification each: every delivery through the route is a first one. */
const PAYMENTS = 3_000
/** Deliveries sent through both routes before timing, on payments of their own: both are measured warm. */
const WARMUP = 2_000
const CHUNK = 250
const PATH = '/antom/notify/payment'

const { signer, verifier } = await makeKeys()
const engine = makeEngine()
const options = { antomPublicKey: verifier, clientId: 'SANDBOX_HONO', now: () => NOW }
const webhook = webhookRoutes({ ...options, run: engine.run })
const verifyOnly = new Hono<RawBodyEnv>().post(
  PATH,
  bodyLimit({ maxBytes: 64 * 1024 }),
  antomSignature({ publicKey: verifier, clientId: options.clientId, toleranceMs: 5 * 60_000, now: options.now }),
  (c) => c.json(NOTIFICATION_ACK_BODY),
)

const ids = Array.from({ length: WARMUP + PAYMENTS }, (_, i) => `BENCH-${String(i).padStart(5, '0')}`)
for (const id of ids) {
  const created = await engine.run(
    Effect.gen(function* () {
      const e = yield* Engine
      return yield* e.createPayment({
        paymentRequestId: id,
        amount: { currency: 'USD', minor: 1000 },
        paymentMethodType: 'ALIPAY_CN',
      })
    }),
  )
  if (created._tag !== 'Success' || created.value.state !== 'awaitingCustomer')
    throw new Error(`could not prepare ${id}`)
}
const deliveries = await Promise.all(
  ids.map(async (id) => {
    const body = paymentNotification(id, { paymentMethodType: 'ALIPAY_CN' })
    return { body, headers: await signedHeaders(signer, { path: PATH, body }) }
  }),
)

/** Sends `slice` through `app` one after another; every answer must be the acknowledgement. */
const send = async (app: { request: Hono['request'] }, slice: typeof deliveries) => {
  const start = performance.now()
  for (const { body, headers } of slice) {
    const response = await app.request(PATH, { method: 'POST', headers, body })
    if (response.status !== 200) throw new Error(`answered ${response.status}: ${await response.text()}`)
  }
  return performance.now() - start
}

// Chunks alternate between the two routes, so that a busy machine slows both alike.
let webhookMs = 0
let verifyMs = 0
const warmup = deliveries.slice(0, WARMUP)
await send(webhook, warmup)
await send(verifyOnly, warmup)
for (let at = WARMUP; at < WARMUP + PAYMENTS; at += CHUNK) {
  const slice = deliveries.slice(at, at + CHUNK)
  webhookMs += await send(webhook, slice)
  verifyMs += await send(verifyOnly, slice)
}
const settled = await engine.run(
  Effect.gen(function* () {
    const e = yield* Engine
    return yield* e.status(ids[WARMUP + PAYMENTS - 1] ?? '')
  }),
)
if (settled._tag !== 'Success' || settled.value.state !== 'captured') throw new Error('the last payment did not settle')

// The same notifications again: the gateway redelivers when an acknowledgement is lost. Each is answered from its key.
let redeliveredMs = 0
let verifyAgainMs = 0
for (let at = WARMUP; at < WARMUP + PAYMENTS; at += CHUNK) {
  const slice = deliveries.slice(at, at + CHUNK)
  redeliveredMs += await send(webhook, slice)
  verifyAgainMs += await send(verifyOnly, slice)
}

writeFigures(new URL('../', import.meta.url), [
  figure(
    'hono: signed notifications through the webhook route (memory store, first deliveries)',
    (PAYMENTS * 1000) / webhookMs,
    'notifications/s',
    'Hono route that only verifies the same signatures',
    (PAYMENTS * 1000) / verifyMs,
  ),
  figure(
    'hono: redelivered notifications through the webhook route (memory store)',
    (PAYMENTS * 1000) / redeliveredMs,
    'notifications/s',
    'Hono route that only verifies the same signatures',
    (PAYMENTS * 1000) / verifyAgainMs,
  ),
])
await engine.runtime.dispose()
