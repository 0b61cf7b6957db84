import { Engine, type EngineShape } from '@paychart/core'
import { Effect } from 'effect'
import { afterEach, describe, expect, it } from 'vitest'
import { checkoutRoutes } from './checkout-routes.js'
import { makeEngine, PAY_DETAILS, SESSION_DETAILS } from './hono.fixtures.js'
import type { EngineRunner } from './run.js'

let engines: Array<ReturnType<typeof makeEngine>> = []
afterEach(async () => {
  await Promise.all(engines.map((e) => e.runtime.dispose()))
  engines = []
})

const setup = () => {
  const engine = makeEngine()
  engines.push(engine)
  return { engine, app: checkoutRoutes({ run: engine.run }) }
}
const json = (body: unknown) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
})
const card = { cardNo: '4111111111111111', cvv: '737', expiryMonth: '12', expiryYear: '30' }

describe('checkoutRoutes', () => {
  it('takes the Checkout Page SDK events without moving the payment: a cancel reopens, an outcome inquires', async () => {
    const { app, engine } = setup()
    const created = await app.request(
      '/payments',
      json({
        paymentRequestId: 'PAY-SDK',
        amount: { currency: 'USD', minor: 1000 },
        flow: 'checkoutSession',
        requestDetails: SESSION_DETAILS,
      }),
    )
    expect(created.status).toBe(201)
    const event = (code: unknown) => app.request('/payments/PAY-SDK/sdk-events', json({ code }))
    const cancelled = await event('SDK_PAYMENT_CANCEL')
    expect(cancelled.status).toBe(200)
    expect(await cancelled.json()).toMatchObject({ show: 'reopen', payment: { state: 'awaitingCustomer' } })
    expect(engine.gatewayCalls).toEqual(['createPaymentSession'])
    const bad = await event('SDK_PAYMENT_MAYBE')
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ error: { tag: 'RequestInvalid', field: 'code' } })
    const paid = await event('SDK_PAYMENT_SUCCESSFUL')
    expect(await paid.json()).toMatchObject({ show: 'result', payment: { state: 'captured' } })
    expect(engine.gatewayCalls).toEqual(['createPaymentSession', 'inquiryPayment'])
    const after = await event('SDK_PAYMENT_CANCEL')
    expect(await after.json()).toMatchObject({ show: 'newAttempt' })
  })

  it("starts an order's attempts: a second is refused while the first may succeed, unless it replaces it", async () => {
    const { app, engine } = setup()
    const attempt = (extra: Record<string, unknown> = {}) =>
      app.request(
        '/orders/ORD-1/attempts',
        json({
          amount: { currency: 'USD', minor: 1000 },
          paymentMethodType: 'CARD',
          card,
          requestDetails: PAY_DETAILS,
          ...extra,
        }),
      )
    const first = await attempt()
    expect(first.status).toBe(201)
    expect(await first.json()).toMatchObject({ paymentRequestId: 'ORD-1-attempt-1', state: 'awaitingCustomer' })
    const refused = await attempt()
    expect(refused.status).toBe(409)
    expect(await refused.json()).toMatchObject({ error: { tag: 'OrderAttemptRefused' } })
    const badFlag = await attempt({ replaceOpen: 'yes' })
    expect(badFlag.status).toBe(400)
    expect(await badFlag.json()).toMatchObject({ error: { tag: 'RequestInvalid', field: 'replaceOpen' } })
    const replaced = await attempt({ replaceOpen: true })
    expect(replaced.status).toBe(201)
    const order = await (await app.request('/orders/ORD-1')).json()
    expect(order).toMatchObject({ orderReference: 'ORD-1', state: 'open' })
    expect(order.attempts.map((a: { state: string }) => a.state)).toEqual(['cancelled', 'awaitingCustomer'])
    expect(engine.gatewayCalls).toEqual(['pay', 'cancel', 'pay'])
  })

  it('creates a card payment without echoing the card, then returns and shows its status', async () => {
    const { app, engine } = setup()
    const created = await app.request(
      '/payments',
      json({
        paymentRequestId: 'PAY-1',
        amount: { currency: 'USD', minor: 1000 },
        paymentMethodType: 'CARD',
        card,
        requestDetails: PAY_DETAILS,
      }),
    )
    expect(created.status).toBe(201)
    const text = await created.text()
    expect(text).not.toContain(card.cardNo)
    expect(text).not.toContain('"737"')
    expect(JSON.parse(text)).toMatchObject({ paymentRequestId: 'PAY-1', state: 'awaitingCustomer' })
    expect(engine.gatewayCalls).toEqual(['pay'])

    const returned = await app.request('/payments/PAY-1/return')
    expect(returned.status).toBe(200)
    expect(engine.gatewayCalls).toContain('inquiryPayment')
    const status = await app.request('/payments/PAY-1')
    expect(status.status).toBe(200)
    expect(JSON.stringify(await status.json())).not.toContain(card.cardNo)
  })

  it('refuses request details the gateway call would refuse with a 400 naming the field, before any payment', async () => {
    const { app, engine } = setup()
    const { env: _env, ...noEnv } = PAY_DETAILS
    const body = { paymentRequestId: 'PAY-D', amount: { currency: 'USD', minor: 1000 }, paymentMethodType: 'CARD' }
    const missing = await app.request('/payments', json({ ...body, card, requestDetails: noEnv }))
    expect(missing.status).toBe(400)
    expect(await missing.json()).toMatchObject({ error: { tag: 'RequestInvalid', field: 'requestDetails.env' } })
    const none = await app.request('/payments', json({ ...body, card }))
    expect(await none.json()).toMatchObject({ error: { field: 'requestDetails.order' } })
    const badAmount = {
      ...PAY_DETAILS,
      order: { ...PAY_DETAILS.order, orderAmount: { currency: 'USD', minor: -1 } },
    }
    const bad = await app.request('/payments', json({ ...body, card, requestDetails: badAmount }))
    expect(await bad.json()).toMatchObject({ error: { field: 'requestDetails.order.orderAmount.minor' } })
    expect(engine.gatewayCalls).toEqual([])
    expect((await app.request('/payments/PAY-D')).status).toBe(404)
  })

  it('a MANUAL wallet, which the gateway would capture by itself, is a 400 PaymentInputInvalid naming captureMode', async () => {
    const { app, engine } = setup()
    const body = { paymentRequestId: 'PAY-M', amount: { currency: 'USD', minor: 1000 }, captureMode: 'MANUAL' }
    const refused = await app.request(
      '/payments',
      json({ ...body, paymentMethodType: 'GOOGLEPAY', requestDetails: PAY_DETAILS }),
    )
    expect(refused.status).toBe(400)
    expect(await refused.json()).toMatchObject({ error: { tag: 'PaymentInputInvalid', field: 'captureMode' } })
    expect(engine.gatewayCalls).toEqual([])
    expect((await app.request('/payments/PAY-M')).status).toBe(404)
  })

  it('answers typed JSON errors: invalid field 400, PaymentExists 409, PaymentNotFound 404', async () => {
    const { app } = setup()
    const bad = await app.request(
      '/payments',
      json({
        paymentRequestId: 'PAY-2',
        amount: { currency: 'USD', minor: 1000 },
        card: { ...card, cvv: 737 },
        requestDetails: PAY_DETAILS,
      }),
    )
    expect(bad.status).toBe(400)
    const badText = await bad.text()
    expect(JSON.parse(badText)).toEqual({
      error: { tag: 'RequestInvalid', field: 'card.cvv', message: 'is required (a string)' },
    })
    expect(badText).not.toContain(card.cardNo)
    const notJson = await app.request('/payments', { method: 'POST', body: '{' })
    expect((await notJson.json()) as unknown).toMatchObject({ error: { field: '(body)' } })

    const input = {
      paymentRequestId: 'PAY-3',
      amount: { currency: 'USD', minor: 500 },
      flow: 'checkoutSession',
      requestDetails: SESSION_DETAILS,
    }
    expect((await app.request('/payments', json(input))).status).toBe(201)
    const again = await app.request('/payments', json(input))
    expect(again.status).toBe(409)
    expect(await again.json()).toMatchObject({ error: { tag: 'PaymentExists' } })

    const missing = await app.request('/payments/NOPE')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ error: { tag: 'PaymentNotFound' } })
    const otp = await app.request('/payments/NOPE/otp', json({ verifyRequestId: 'V-1', otp: '123456' }))
    expect(otp.status).toBe(404)
    const badOtp = await app.request('/payments/PAY-3/otp', json({ verifyRequestId: 'V-1' }))
    expect(await badOtp.json()).toMatchObject({ error: { field: 'otp' } })
  })
})

describe('checkoutRoutes, when the machine refuses a merchant intent', () => {
  // The routes take no capture or refund themselves: a merchant's checkout that finishes with one (here its OTP
  // step) runs the real engine's intent, which the machine refuses; the answer is 409 naming the intent.
  const finishingWith = (
    intent: (engine: EngineShape, paymentRequestId: string) => ReturnType<EngineShape['capture']>,
  ) => {
    const engine = makeEngine()
    engines.push(engine)
    const run: EngineRunner = (effect) =>
      engine.run(
        Effect.gen(function* () {
          const real = yield* Engine
          const submitOtp: EngineShape['submitOtp'] = (paymentRequestId) => intent(real, paymentRequestId)
          return yield* Effect.provideService(effect, Engine, Engine.of({ ...real, submitOtp }))
        }),
      )
    return { engine, app: checkoutRoutes({ run }) }
  }
  const authorized = async (app: ReturnType<typeof checkoutRoutes>) => {
    const input = {
      paymentRequestId: 'PAY-9',
      amount: { currency: 'USD', minor: 1000 },
      captureMode: 'MANUAL',
      card,
      requestDetails: PAY_DETAILS,
    }
    expect((await app.request('/payments', json({ ...input, paymentMethodType: 'CARD' }))).status).toBe(201)
    expect(await (await app.request('/payments/PAY-9/return')).json()).toMatchObject({ state: 'authorized' })
  }
  const otp = json({ verifyRequestId: 'V-1', otp: '123456' })

  it('a capture above the authorization: 409 IntentRejected naming CAPTURE, and no capture call', async () => {
    const { app, engine } = finishingWith((e, id) => e.capture(id, { amount: { currency: 'USD', minor: 1001 } }))
    await authorized(app)
    const refused = await app.request('/payments/PAY-9/otp', otp)
    expect(refused.status).toBe(409)
    expect(await refused.json()).toEqual({
      error: {
        tag: 'IntentRejected',
        message: 'CAPTURE rejected for payment PAY-9: capture of 10.01 USD exceeds the authorized amount',
      },
    })
    expect(engine.gatewayCalls).not.toContain('capture')
    expect(await (await app.request('/payments/PAY-9')).json()).toMatchObject({ state: 'authorized' })
  })

  it('a refund above what was captured: 409 IntentRejected naming REFUND, and no refund call', async () => {
    const { app, engine } = finishingWith((e, id) =>
      e.capture(id).pipe(Effect.andThen(e.refund(id, { amount: { currency: 'USD', minor: 1001 } }))),
    )
    await authorized(app)
    const refused = await app.request('/payments/PAY-9/otp', otp)
    expect(refused.status).toBe(409)
    expect(await refused.json()).toEqual({
      error: {
        tag: 'IntentRejected',
        message: 'REFUND rejected for payment PAY-9: refund of 10.01 USD exceeds the refundable amount',
      },
    })
    expect(engine.gatewayCalls.filter((kind) => kind === 'capture' || kind === 'refund')).toEqual(['capture'])
    expect(await (await app.request('/payments/PAY-9')).json()).toMatchObject({ state: 'captured' })
  })
})
