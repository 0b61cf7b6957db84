import { importPrivateKey, NOTIFICATION_ACK_BODY, type Signer, signRequest } from '@paychart/antom'
import type { Engine } from '@paychart/core'
import type { Exit } from 'effect'
import * as Effect from 'effect/Effect'
import type { Delivery, NotifyEndpoint } from '../simulator/index.js'
import type { SimulatorKeys } from '../wire/keys.js'

/** Runs an engine program to its Exit, over the engine under test (the shape `@paychart/hono`'s routes take). */
export type PropertyEngineRunner = <A, E>(effect: Effect.Effect<A, E, Engine>) => Promise<Exit.Exit<A, E>>

/** What a merchant's own webhook needs to be wired to the system under test. */
export interface WebhookContext {
  readonly run: PropertyEngineRunner
  /** The simulated gateway's public key (Base64 SPKI): notifications are signed with its private key. */
  readonly antomPublicKey: string
  /** The merchant client id the notifications are signed for. */
  readonly clientId: string
  /** The flows' clock: a webhook that checks `request-time` must read this one. */
  readonly now: () => number
}

/** Your notification endpoint, built once per engine: a signed POST in, your acknowledgement out. */
export type WebhookHandler = (request: Request) => Response | Promise<Response>

export interface WebhookUnderTest {
  readonly make: (context: WebhookContext) => WebhookHandler | Promise<WebhookHandler>
  /** The path each kind of notification is posted to; default `/antom/notify/payment`, `.../capture`, `.../refund`. */
  readonly paths?: Partial<Record<NotifyEndpoint, string>>
}

export const DEFAULT_WEBHOOK_PATHS: Readonly<Record<NotifyEndpoint, string>> = {
  notifyPayment: '/antom/notify/payment',
  notifyCapture: '/antom/notify/capture',
  notifyRefund: '/antom/notify/refund',
}

const ORIGIN = 'https://shop.model.test'
const ACK = JSON.stringify(JSON.parse(NOTIFICATION_ACK_BODY))

/**
 * What a webhook's answer means to the flows: the exact acknowledgement; 400, it could not read what the gateway
 * sent (a finding); another 4xx, it refused it (an unknown payment, say: the gateway sends it again); 5xx, it failed.
 */
export type WebhookVerdict = 'acknowledged' | 'undecodable' | 'refused' | 'failed'

export interface WebhookAnswer {
  readonly verdict: WebhookVerdict
  readonly status: number
  readonly text: string
}

const verdictOf = (status: number, text: string): WebhookVerdict => {
  const acknowledged = (() => {
    try {
      return JSON.stringify(JSON.parse(text)) === ACK
    } catch {
      return false
    }
  })()
  if (status === 200 && acknowledged) return 'acknowledged'
  if (status === 400) return 'undecodable'
  return status >= 500 || status === 200 ? 'failed' : 'refused'
}

/** Posts deliveries to a merchant's webhook as the gateway does: signed with the gateway key over the route's path. */
export const webhookPoster = async (webhook: WebhookUnderTest, keys: SimulatorKeys, clientId: string) => {
  const signer: Signer = await Effect.runPromise(importPrivateKey(keys.gatewayPrivateKey, { backend: 'node' }))
  const paths = { ...DEFAULT_WEBHOOK_PATHS, ...webhook.paths }
  return async (handler: WebhookHandler, delivery: Delivery, now: number): Promise<WebhookAnswer> => {
    const path = paths[delivery.endpoint]
    const body = JSON.stringify(delivery.body)
    const headers = await Effect.runPromise(signRequest({ path, clientId, body, now, privateKey: signer }))
    const response = await handler(
      new Request(`${ORIGIN}${path}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body,
      }),
    )
    const text = await response.text()
    return { verdict: verdictOf(response.status, text), status: response.status, text }
  }
}
