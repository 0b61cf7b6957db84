import { createPaychart, makeMemoryStore, PaymentStore, StoreUnavailable } from '@paychart/core'
import { Effect, Layer } from 'effect'
import { describe, expect, it } from 'vitest'
import { healthRoutes } from './health-routes.js'
import { CLIENT_ID, makeKeys, SESSION_DETAILS, scriptedGateway } from './hono.fixtures.js'
import { paychartRoutes } from './paychart-routes.js'

const failingStore = () =>
  Layer.succeed(PaymentStore, {
    ...makeMemoryStore().store,
    backlog: () => Effect.fail(new StoreUnavailable({ operation: 'backlog', reason: 'db.internal:5432 refused' })),
  })

describe('healthRoutes', () => {
  it('answers ready with the backlog counts, mounted by paychartRoutes with the relay running', async () => {
    const keys = await makeKeys()
    const instance = createPaychart({
      gateway: scriptedGateway().layer,
      store: makeMemoryStore().layer,
      relay: { every: '5 millis' },
    })
    const app = paychartRoutes({
      paychart: instance,
      antom: { clientId: CLIENT_ID, antomPublicKey: keys.publicKeyText },
    })
    const created = await app.request('/payments', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        paymentRequestId: 'PAY-H1',
        amount: { currency: 'USD', minor: 1000 },
        flow: 'checkoutSession',
        requestDetails: SESSION_DETAILS,
      }),
    })
    expect(created.status).toBe(201)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect((await app.request('/health/live')).status).toBe(200)
    const ready = await app.request('/health/ready')
    expect(ready.status).toBe(200)
    const body = await ready.json()
    expect(body).toMatchObject({ ready: true, store: { up: true }, relay: { stale: false }, unknownOutcomes: 0 })
    expect(body).not.toHaveProperty('backlog')
    await instance.close()
  })

  it('answers 503 when the store fails, without the error text (it can name hosts)', async () => {
    const instance = createPaychart({ gateway: scriptedGateway().layer, store: failingStore(), relay: false })
    const app = healthRoutes({ run: instance.run })
    const ready = await app.request('/health/ready')
    expect(ready.status).toBe(503)
    const text = await ready.text()
    expect(JSON.parse(text)).toEqual({ ready: false, store: { up: false } })
    expect(text).not.toContain('db.internal')
    await instance.close()
  })
})
