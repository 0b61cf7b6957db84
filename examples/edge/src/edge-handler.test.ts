import { collectDomainEvents, makeMemoryStore } from '@paychart/core'
import {
  createSimulator,
  createSimulatorApp,
  deliverNotifications,
  generateSimulatorKeys,
  type SimulatorKeys,
} from '@paychart/testkit'
import { beforeAll, describe, expect, it } from 'vitest'
import { THREE_DS_CARD } from './card-payment.fixtures.js'
import { createEdgeHandler, type EdgeHandlerConfig } from './index.js'

const clientId = 'SANDBOX_EDGE_TEST'
const gatewayUrl = 'https://gateway.edge.test'
const shop = 'https://shop.edge.test'

let keys: SimulatorKeys
beforeAll(async () => {
  keys = await generateSimulatorKeys()
})

/** The edge handler over an in-process simulator (the transport's fetch goes to the simulator app). */
const world = (overrides: Partial<EdgeHandlerConfig> = {}) => {
  const simulator = createSimulator({ baseUrl: gatewayUrl })
  const gateway = createSimulatorApp({ simulator, keys, clientId })
  const memory = makeMemoryStore()
  const domain = collectDomainEvents()
  const handler = createEdgeHandler({
    clientId,
    merchantPrivateKey: keys.merchantPrivateKey,
    antomPublicKey: keys.gatewayPublicKey,
    baseUrl: gatewayUrl,
    store: memory.layer,
    domainEvents: domain.layer,
    transport: { fetch: async (url, init) => gateway.fetch(new Request(url, init)), maxAttempts: 1 },
    ...overrides,
  })
  const deliver = () =>
    deliverNotifications({ simulator, keys, clientId, fetch: (url, init) => handler(new Request(url, init)) })
  return { simulator, memory, domain, handler, deliver }
}

const createBody = (paymentRequestId: string, cardNo: string) =>
  JSON.stringify({
    paymentRequestId,
    amount: { currency: 'USD', minor: 2_500 },
    paymentMethodType: 'CARD',
    captureMode: 'MANUAL',
    requestDetails: {
      order: { referenceOrderId: 'O-1', orderDescription: 'Tea', orderAmount: { currency: 'USD', minor: 2_500 } },
      env: { terminalType: 'WEB' },
      settlementStrategy: { settlementCurrency: 'USD' },
      paymentMethod: { paymentMethodType: 'CARD' },
      paymentRedirectUrl: `${shop}/payments/${paymentRequestId}/return`,
      paymentNotifyUrl: `${shop}/antom/notify/payment`,
    },
    card: { cardNo, cvv: '123', expiryMonth: '12', expiryYear: '30' },
  })

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  new Request(`${shop}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })

describe('createEdgeHandler', () => {
  it('serves checkout and webhook routes on one fetch handler: a 3DS card payment ends authorized', async () => {
    const { simulator, memory, domain, handler, deliver } = world()
    const created = await handler(post('/payments', createBody('PAY-EDGE-1', THREE_DS_CARD)))
    expect(created.status).toBe(201)
    const payment = (await created.json()) as { state: string; paymentId: string; customerAction: { kind: string } }
    expect(payment).toMatchObject({ state: 'awaitingCustomer', customerAction: { kind: 'threeDS' } })

    expect(simulator.completeChallenge(payment.paymentId, 'pass').ok).toBe(true)
    expect(await deliver()).toBe(1)
    const status = (await (await handler(new Request(`${shop}/payments/PAY-EDGE-1`))).json()) as { state: string }
    expect(status.state).toBe('authorized')
    expect(simulator.payment('PAY-EDGE-1')?.status).toBe('authorized')
    expect(domain.published.map((p) => p.event.type)).toContain('authorized')
    expect(JSON.stringify([...memory.raw.payments.values()])).not.toContain(THREE_DS_CARD)
  })

  it('refuses a notification that is not signed by the gateway key, and never calls the engine', async () => {
    const { handler, memory } = world()
    const body = JSON.stringify({ notifyType: 'PAYMENT_RESULT', paymentRequestId: 'PAY-X' })
    const response = await handler(
      post('/antom/notify/payment', body, {
        'client-id': clientId,
        'request-time': String(Date.now()),
        signature: 'algorithm=RSA256,keyVersion=1,signature=AAAA',
      }),
    )
    expect(response.status).toBe(401)
    expect(memory.raw.payments.size).toBe(0)
  })

  it('answers 404 PaymentNotFound for an unknown payment', async () => {
    const response = await world().handler(new Request(`${shop}/payments/NOPE`))
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: { tag: 'PaymentNotFound' } })
  })

  it('answers 503 naming the error when a key does not import, and tries again on the next request', async () => {
    const { handler } = world({ merchantPrivateKey: 'not a key' })
    for (const _ of [1, 2]) {
      const response = await handler(new Request(`${shop}/payments/ANY`))
      expect(response.status).toBe(503)
      const body = (await response.json()) as { error: { tag: string; message: string } }
      expect(body.error).toMatchObject({ tag: 'HandlerUnavailable' })
      expect(body.error.message).toContain('InvalidKey')
      expect(body.error.message).not.toContain('not a key')
    }
  })

  it('runs a relay pass over the same engine', async () => {
    const { handler } = world()
    expect(await handler.relay()).toEqual({ commands: 0, timers: 0, failed: 0 })
  })
})
