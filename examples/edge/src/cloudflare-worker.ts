import { DurableObject } from 'cloudflare:workers'
import { merchantRoutes } from '@paychart/hono'
import {
  type DurableObjectNamespace,
  durableObjectClasses,
  durableObjectStoreLayer,
  type PaymentIndexRpc,
  type PaymentObjectRpc,
} from '@paychart/storage-cloudflare'
import { bearerAuth } from 'hono/bearer-auth'
import type { EdgeBindings } from './bindings.js'
import { edgeWorker } from './edge-worker.js'

/** The portable worker's bindings, the two Durable Object namespaces (see `wrangler.jsonc`) and the merchant token. */
export interface CloudflareBindings extends EdgeBindings {
  /** The bearer token of the merchant routes (capture, cancel, refund); without it they are not mounted. */
  readonly MERCHANT_TOKEN?: string
  readonly PAYCHART_PAYMENTS?: DurableObjectNamespace<PaymentObjectRpc>
  readonly PAYCHART_INDEX?: DurableObjectNamespace<PaymentIndexRpc>
}

const { handlerFor, worker } = edgeWorker<CloudflareBindings>({
  store: (env) =>
    env.PAYCHART_PAYMENTS === undefined || env.PAYCHART_INDEX === undefined
      ? undefined
      : durableObjectStoreLayer({ payments: env.PAYCHART_PAYMENTS, index: env.PAYCHART_INDEX }),
  // Capture, cancel and refund, behind the bearer token when one is bound; not mounted without it.
  routes: (env) => {
    const token = env.MERCHANT_TOKEN?.trim()
    return token ? (run) => merchantRoutes({ run, auth: bearerAuth({ token }) }) : undefined
  },
})

/**
 * The store's two classes, exported under the names the bindings use. A payment object's alarm rings at its next
 * timer (expiry, reconciliation, capture deadline) and runs a relay pass: the engine fires what is due, with no cron.
 */
export const { PaymentObject, PaymentIndexObject } = durableObjectClasses<
  CloudflareBindings & { readonly PAYCHART_INDEX: DurableObjectNamespace<PaymentIndexRpc> }
>(DurableObject, {
  onDueTimers: async (_timers, env) => {
    await handlerFor(env).relay()
  },
})

/** The worker on Cloudflare: its payments in Durable Objects when the namespaces are bound, else in memory. */
export default worker
