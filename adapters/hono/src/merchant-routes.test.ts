import { bearerAuth } from 'hono/bearer-auth'
import { afterEach, describe, expect, it } from 'vitest'
import { checkoutRoutes } from './checkout-routes.js'
import { makeEngine, PAY_DETAILS } from './hono.fixtures.js'
import { merchantRoutes } from './merchant-routes.js'

let engines: Array<ReturnType<typeof makeEngine>> = []
afterEach(async () => {
  await Promise.all(engines.map((e) => e.runtime.dispose()))
  engines = []
})

const TOKEN = 'merchant-token-for-tests'
const signedIn = { authorization: `Bearer ${TOKEN}` }
const json = (body: unknown, headers: Record<string, string> = signedIn) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...headers },
})
const card = { cardNo: '4111111111111111', cvv: '737', expiryMonth: '12', expiryYear: '30' }

/** The buyer's routes and the merchant's over one engine; a card payment for manual capture, authorized. */
const authorized = async () => {
  const engine = makeEngine()
  engines.push(engine)
  const buyer = checkoutRoutes({ run: engine.run })
  const merchant = merchantRoutes({ run: engine.run, auth: bearerAuth({ token: TOKEN }) })
  const created = await buyer.request(
    '/payments',
    json(
      {
        paymentRequestId: 'PAY-M1',
        amount: { currency: 'USD', minor: 2400 },
        paymentMethodType: 'CARD',
        captureMode: 'MANUAL',
        requestDetails: PAY_DETAILS,
        card,
      },
      {},
    ),
  )
  expect(created.status).toBe(201)
  const returned = await buyer.request('/payments/PAY-M1/return')
  expect(await returned.json()).toMatchObject({ state: 'authorized' })
  return { engine, merchant }
}

describe('merchantRoutes', () => {
  it('refuses to be built without an authentication middleware', () => {
    const engine = makeEngine()
    engines.push(engine)
    // @ts-expect-error auth is required: what a JavaScript caller could still leave out
    expect(() => merchantRoutes({ run: engine.run })).toThrow(/auth is required/)
  })

  it('answers 401 to a caller without the credentials, on every route, and the payment does not move', async () => {
    const { engine, merchant } = await authorized()
    const calls = [...engine.gatewayCalls]
    const anonymous = [
      merchant.request('/merchant/payments/PAY-M1'),
      merchant.request('/merchant/payments/PAY-M1/events'),
      merchant.request('/merchant/payments/PAY-M1/capture', json({}, {})),
      merchant.request('/merchant/payments/PAY-M1/cancel', json({}, {})),
      merchant.request('/merchant/payments/PAY-M1/refunds', json({ amount: { currency: 'USD', minor: 100 } }, {})),
      merchant.request('/merchant/payments/PAY-M1/capture', json({}, { authorization: 'Bearer wrong' })),
    ]
    for (const response of await Promise.all(anonymous)) expect(response.status).toBe(401)
    expect(engine.gatewayCalls).toEqual(calls)
    const status = await merchant.request('/merchant/payments/PAY-M1', { headers: signedIn })
    expect(await status.json()).toMatchObject({ state: 'authorized', captured: { minor: 0 } })
  })

  it('captures and refunds for the merchant, and shows the status and the event log', async () => {
    const { engine, merchant } = await authorized()
    const captured = await merchant.request('/merchant/payments/PAY-M1/capture', json({}))
    expect(captured.status).toBe(200)
    expect(await captured.json()).toMatchObject({ state: 'captured', captured: { currency: 'USD', minor: 2400 } })
    const refund = { refundRequestId: 'PAY-M1-r1', amount: { currency: 'USD', minor: 500 } }
    const refunded = await merchant.request('/merchant/payments/PAY-M1/refunds', json(refund))
    expect(refunded.status).toBe(201)
    expect(await refunded.json()).toMatchObject({ refund: { refundRequestId: 'PAY-M1-r1' } })
    // The same id and amount again is the same refund, not a second one.
    await merchant.request('/merchant/payments/PAY-M1/refunds', json(refund))
    expect(engine.gatewayCalls.filter((kind) => kind === 'refund')).toHaveLength(1)
    const events = await merchant.request('/merchant/payments/PAY-M1/events', { headers: signedIn })
    const types = ((await events.json()) as Array<{ event: { type: string } }>).map((e) => e.event.type)
    expect(types).toEqual(expect.arrayContaining(['CAPTURE', 'REFUND']))
  })

  it('takes actions as JSON only: a form, which another site could post with the merchant signed in, is 415', async () => {
    const { engine, merchant } = await authorized()
    const form = await merchant.request('/merchant/payments/PAY-M1/capture', {
      method: 'POST',
      headers: { ...signedIn, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'amount=24.00',
    })
    expect(form.status).toBe(415)
    expect(engine.gatewayCalls).not.toContain('capture')
  })

  it('answers 400 naming the field for a bad amount, before the engine', async () => {
    const { engine, merchant } = await authorized()
    const bad = await merchant.request(
      '/merchant/payments/PAY-M1/refunds',
      json({ amount: { currency: 'USD', minor: -5 } }),
    )
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ error: { tag: 'RequestInvalid', field: 'amount.minor' } })
    const unknown = await merchant.request('/merchant/payments/PAY-NONE', { headers: signedIn })
    expect(unknown.status).toBe(404)
    expect(engine.gatewayCalls).not.toContain('refund')
  })
})
