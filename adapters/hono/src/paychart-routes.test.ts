import { createPaychart, makeMemoryStore } from '@paychart/core'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import {
  CLIENT_ID,
  makeKeys,
  paymentNotification,
  SESSION_DETAILS,
  scriptedGateway,
  signedHeaders,
} from './hono.fixtures.js'
import { type PaychartEnv, paychart, paychartRoutes } from './paychart-routes.js'

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})
const sessionPayment = (paymentRequestId: string) =>
  json({
    paymentRequestId,
    amount: { currency: 'USD', minor: 1000 },
    flow: 'checkoutSession',
    requestDetails: SESSION_DETAILS,
  })

const newPaychart = () =>
  createPaychart({ gateway: scriptedGateway().layer, store: makeMemoryStore().layer, relay: false })

/** A paychart over the scripted gateway and its routes, signed with fresh keys. */
const setup = async (checkout?: false) => {
  const keys = await makeKeys()
  const instance = newPaychart()
  const antom = { clientId: CLIENT_ID, antomPublicKey: keys.publicKeyText }
  const app = paychartRoutes({ paychart: instance, antom, ...(checkout === false ? { checkout } : {}) })
  return { keys, instance, app }
}

describe('paychartRoutes', () => {
  it('mounts the checkout routes and the signed webhooks over one paychart', async () => {
    const { keys, instance, app } = await setup()

    const created = await app.request('/payments', sessionPayment('PAY-1'))
    expect(created.status).toBe(201)
    expect((await (await app.request('/payments/PAY-1')).json()).state).toBe('awaitingCustomer')

    const path = '/antom/notify/payment'
    const body = paymentNotification('PAY-1')
    const unsigned = await app.request(path, { method: 'POST', body })
    expect(unsigned.status).toBe(401)
    const headers = await signedHeaders(keys.signer, { path, body, time: Date.now() })
    const signed = await app.request(path, { method: 'POST', headers, body })
    expect(signed.status).toBe(200)
    // A card paid by the session: authorized, its automatic capture awaited.
    expect((await instance.status('PAY-1')).state).toBe('capturing')
    await instance.close()
  })

  it('mounts the webhooks alone with checkout: false', async () => {
    const { instance, app } = await setup(false)
    expect((await app.request('/payments', sessionPayment('PAY-2'))).status).toBe(404)
    await instance.close()
  })

  it('puts paychart on c.var for your own routes, and refuses work once closed', async () => {
    const instance = newPaychart()
    const app = new Hono<PaychartEnv>()
      .use(paychart(instance))
      .post('/admin/:id/capture', async (c) => c.json(await c.var.paychart.capture(c.req.param('id'))))
    await instance.createPayment({
      paymentRequestId: 'PAY-3',
      amount: { currency: 'USD', minor: 1000 },
      captureMode: 'MANUAL',
      paymentMethodType: 'CARD',
    })
    await instance.customerReturned('PAY-3')
    const captured = await app.request('/admin/PAY-3/capture', { method: 'POST' })
    expect((await captured.json()).state).toBe('captured')
    await instance.close()
    const keys = await makeKeys()
    const routes = paychartRoutes({
      paychart: instance,
      antom: { clientId: CLIENT_ID, antomPublicKey: keys.publicKeyText },
    })
    expect((await routes.request('/payments', sessionPayment('PAY-4'))).status).toBe(500)
  })
})
