import { importPublicKey, type Verifier } from '@paychart/antom'
import type { Paychart } from '@paychart/core'
import * as Effect from 'effect/Effect'
import type { MiddlewareHandler } from 'hono'
import { Hono } from 'hono/tiny'
import { type CheckoutRoutesOptions, checkoutRoutes } from './checkout-routes.js'
import { type HealthRoutesOptions, healthRoutes } from './health-routes.js'
import { type MerchantRoutesOptions, merchantRoutes } from './merchant-routes.js'
import type { RawBodyEnv } from './middleware.js'
import { type WebhookRoutesOptions, webhookRoutes } from './webhook-routes.js'

// biome-ignore lint/suspicious/noExplicitAny: any merchant's request-details type
type AnyPaychart = Paychart<any>

/** What the `paychart` middleware leaves for the handlers after it: `c.var.paychart`. */
export type PaychartEnv = { Variables: { paychart: AnyPaychart } }

/** Puts `paychart` on `c.var.paychart` for your own routes (a back office calling capture, refund...). */
export const paychart =
  (instance: AnyPaychart): MiddlewareHandler<PaychartEnv> =>
  async (c, next) => {
    c.set('paychart', instance)
    await next()
  }

export interface PaychartRoutesOptions {
  readonly paychart: AnyPaychart
  /** Your client id and the gateway's public key (Base64 SPKI or PEM): the config object `antomOverFetch` takes. */
  readonly antom: { readonly clientId: string; readonly antomPublicKey: string }
  /** Options of the webhook routes (paths, body cap, time window). */
  readonly webhooks?: Omit<WebhookRoutesOptions, 'run' | 'antomPublicKey' | 'clientId'>
  /** Options of the checkout routes, or `false` to mount the webhooks only. */
  readonly checkout?: false | Omit<CheckoutRoutesOptions, 'run'>
  /**
   * The merchant's routes (status, event log, capture, cancel, refund at `/merchant/payments`), mounted only when
   * given: their `auth` middleware is required.
   */
  readonly merchant?: Omit<MerchantRoutesOptions, 'run'>
  /** The probes (`/health/live`, `/health/ready`), or `false` to leave them out. Default mounted. */
  readonly health?: false | Omit<HealthRoutesOptions, 'run'>
}

/**
 * The gateway's key imported on first use (WebCrypto) and kept. A key that does not import fails `paychart.ready`
 * first (the gateway imports it too); here it dies, and the webhook answers 500 so the gateway delivers again.
 */
const verifierOf = (text: string): Verifier => {
  let imported: Promise<Verifier> | undefined
  const key = Effect.promise(() => {
    imported ??= Effect.runPromise(importPublicKey(text))
    return imported
  })
  return {
    backend: 'webcrypto',
    verify: (content, signature) => Effect.flatMap(key, (v) => v.verify(content, signature)),
  }
}

/**
 * Everything paychart answers over HTTP, on one app: the `paychart` middleware, the signed webhooks
 * (`/antom/notify/*`), the checkout routes (`/payments`) and the health probes (`/health`), each call run through `paychart.run` so that
 * `paychart.close()` lets it finish.
 */
export const paychartRoutes = ({
  paychart: instance,
  antom,
  webhooks,
  checkout,
  merchant,
  health,
}: PaychartRoutesOptions) => {
  const app = new Hono<PaychartEnv & RawBodyEnv>()
  app.use(paychart(instance))
  app.route(
    '/',
    webhookRoutes({
      ...webhooks,
      run: instance.run,
      antomPublicKey: verifierOf(antom.antomPublicKey),
      clientId: antom.clientId,
    }),
  )
  if (checkout !== false) app.route('/', checkoutRoutes({ ...checkout, run: instance.run }))
  if (merchant !== undefined) app.route('/', merchantRoutes({ ...merchant, run: instance.run }))
  if (health !== false) app.route('/', healthRoutes({ ...health, run: instance.run }))
  return app
}
