import { importPrivateKey, importPublicKey, type Signer, signRequest } from '@paychart/antom'
import { checkoutRoutes, DEFAULT_NOTIFY_PATHS, type EngineRunner, webhookRoutes } from '@paychart/hono'
import type { Delivery, NotifyEndpoint, SimulatorKeys } from '@paychart/testkit'
import { Effect } from 'effect'
import type { SetupServerApi } from 'msw/node'
import { clientId, makeWorld, type WorldOptions } from './support.js'

/** What the merchant's webhook route answered to one delivery from the simulator. */
export interface WebhookAnswer {
  readonly notifyType: Delivery['notifyType']
  readonly endpoint: NotifyEndpoint
  readonly path: string
  readonly status: number
  readonly text: string
}

export interface PostOptions {
  /** The `request-time` signed and sent; default the world's clock. */
  readonly time?: number
  /** Default the gateway's own key. */
  readonly signer?: Signer
  /** What is sent instead of the body that was signed. */
  readonly tamper?: (signed: string) => string
}

const jsonRequest = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

export type HonoWorld = Awaited<ReturnType<typeof makeHonoWorld>>

/**
 * The e2e world of `support.ts` (simulator behind msw, real antomGateway over fetch, real Engine over a memory store)
 * with the merchant side served by the Hono adapter: the checkout routes create payments and take OTPs, and every
 * notification the simulator sends is signed with the gateway key over its route's path and posted to the webhook
 * routes with `app.request()`, the route's answer going back to the simulator as its acknowledgement (or not).
 */
export const makeHonoWorld = async (server: SetupServerApi, keys: SimulatorKeys, options: WorldOptions = {}) => {
  const world = makeWorld(server, keys, options)
  const run: EngineRunner = (effect) => world.exit(effect)
  const gatewaySigner = await Effect.runPromise(importPrivateKey(keys.gatewayPrivateKey))
  const antomPublicKey = await Effect.runPromise(importPublicKey(keys.gatewayPublicKey))
  const checkout = checkoutRoutes({ run })
  const webhooks = webhookRoutes({ run, antomPublicKey, clientId, now: world.clock.now })
  const answers: WebhookAnswer[] = []

  /** Posts `body` to a webhook route as the gateway would, signed over `path`. */
  const post = async (
    path: string,
    body: string,
    { time = world.clock.now(), signer = gatewaySigner, tamper = (signed) => signed }: PostOptions = {},
  ) => {
    const headers = await Effect.runPromise(signRequest({ path, clientId, body, now: time, privateKey: signer }))
    return webhooks.request(path, { method: 'POST', headers: { ...headers }, body: tamper(body) })
  }

  /** The notifications due now, each to the route of its endpoint; acknowledged with what the route answered. */
  const deliver = async (): Promise<number> => {
    const due = world.simulator.dueNotifications(world.clock.now())
    for (const delivery of due) {
      const path = DEFAULT_NOTIFY_PATHS[delivery.endpoint]
      const response = await post(path, JSON.stringify(delivery.body))
      const text = await response.text()
      answers.push({
        notifyType: delivery.notifyType,
        endpoint: delivery.endpoint,
        path,
        status: response.status,
        text,
      })
      world.simulator.acknowledge(delivery.notificationId, text)
    }
    return due.length
  }
  /** Delivers until nothing more is due now. */
  const deliverAll = async () => {
    for (let i = 0; i < 10; i++) if ((await deliver()) === 0) return
  }

  const createPayment = (body: unknown) => checkout.request('/payments', jsonRequest(body))
  const submitOtp = (paymentRequestId: string, verifyRequestId: string, otp: string) =>
    checkout.request(`/payments/${paymentRequestId}/otp`, jsonRequest({ verifyRequestId, otp }))
  const customerReturned = (paymentRequestId: string) => checkout.request(`/payments/${paymentRequestId}/return`)
  const timeline = (paymentRequestId: string) => world.run(world.engine.use((e) => e.timeline(paymentRequestId)))

  return {
    ...world,
    checkout,
    webhooks,
    answers,
    post,
    deliver,
    deliverAll,
    createPayment,
    submitOtp,
    customerReturned,
    timeline,
  }
}
