import { importPrivateKey, NOTIFICATION_ACK_BODY } from '@paychart/antom'
import { Engine, type PaymentStatus } from '@paychart/core'
import { generateSimulatorKeys, MINUTE, OTP_WALLET, type SimulatorKeys } from '@paychart/testkit'
import { Effect } from 'effect'
import { type SetupServerApi, setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type HonoWorld, makeHonoWorld } from './hono-support.js'
import {
  agreesWithSimulator,
  baseUrl,
  cardInput,
  cardNumber,
  leakedCards,
  methodInput,
  notifyUrl,
  usd,
} from './support.js'

// The checkout routes create payments and take OTPs; the simulator's signed notifications reach the webhook routes
// through app.request(); the real Engine, antomGateway and fetch transport, the simulator behind msw.

const SUCCESS = cardNumber('success (sandbox)')
const DECLINE = cardNumber('decline (sandbox)')
const THREE_DS = cardNumber('3DS challenge')
const card = (cardNo: string) => ({ cardNo, cvv: '123', expiryMonth: '12', expiryYear: '30' })

let keys: SimulatorKeys
let server: SetupServerApi
beforeAll(async () => {
  keys = await generateSimulatorKeys()
  server = setupServer()
  server.listen({ onUnhandledRequest: 'error' })
})
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const world = () => makeHonoWorld(server, keys)

/** Local and simulator agree, and no card number is stored on either side. */
const settled = async (w: HonoWorld, paymentRequestId: string) => {
  const local = await w.status(paymentRequestId)
  expect(agreesWithSimulator(local, w.simulator)).toEqual([])
  expect(leakedCards(w)).toEqual([])
  return local
}

const statusOf = async (response: Response, code = 200): Promise<PaymentStatus> => {
  const text = await response.text()
  expect(response.status, text).toBe(code)
  return JSON.parse(text) as PaymentStatus
}

/** Every webhook answer was the fixed acknowledgement, on the route of its endpoint. */
const allAcknowledged = (w: HonoWorld) =>
  w.answers.map((a) => [a.notifyType, a.path, a.status, a.text === NOTIFICATION_ACK_BODY] as const)

const notified = async (w: HonoWorld, id: string) =>
  (await w.timeline(id)).map((entry) => entry.event.type).filter((type) => type.endsWith('_NOTIFIED'))

describe('e2e through the Hono routes: checkout and webhooks against the simulator', () => {
  it('card, automatic capture: PAYMENT_RESULT and CAPTURE_RESULT acknowledged on their routes', async () => {
    const w = await world()
    const created = await statusOf(
      await w.createPayment({ ...cardInput('HONO-AUTO', 'AUTOMATIC'), card: card(SUCCESS) }),
      201,
    )
    expect(created.state).toBe('capturing')
    await w.deliverAll()
    expect(allAcknowledged(w)).toEqual([
      ['PAYMENT_RESULT', '/antom/notify/payment', 200, true],
      ['CAPTURE_RESULT', '/antom/notify/capture', 200, true],
    ])
    expect(await notified(w, 'HONO-AUTO')).toEqual(['PAYMENT_NOTIFIED', 'CAPTURE_NOTIFIED'])
    const local = await settled(w, 'HONO-AUTO')
    expect(local.state).toBe('captured')
    expect(w.domain.published.map((p) => p.event.type)).toContain('readyToShip')
    expect(w.simulator.notifications().map((n) => n.status)).toEqual(['acknowledged', 'acknowledged'])
  })

  it('card, manual capture, then a capture through the engine: CAPTURE_RESULT on /antom/notify/capture', async () => {
    const w = await world()
    const created = await statusOf(
      await w.createPayment({ ...cardInput('HONO-MANUAL', 'MANUAL'), card: card(SUCCESS) }),
      201,
    )
    expect(created.state).toBe('authorized')
    await w.deliverAll()
    const captured = await w.run(Engine.use((e) => e.capture('HONO-MANUAL')))
    expect(captured.state).toBe('captured')
    await w.deliverAll()
    expect(allAcknowledged(w)).toEqual([
      ['PAYMENT_RESULT', '/antom/notify/payment', 200, true],
      ['CAPTURE_RESULT', '/antom/notify/capture', 200, true],
    ])
    const local = await settled(w, 'HONO-MANUAL')
    expect(local.captured).toEqual(usd(1_099))
    expect(await notified(w, 'HONO-MANUAL')).toEqual(['PAYMENT_NOTIFIED', 'CAPTURE_NOTIFIED'])
  })

  it('refund: the REFUND_RESULT the simulator sends reaches /antom/notify/refund', async () => {
    const w = await world()
    await statusOf(await w.createPayment({ ...cardInput('HONO-REFUND', 'AUTOMATIC', 1_000), card: card(SUCCESS) }), 201)
    await w.deliverAll()
    const refunded = await w.run(Engine.use((e) => e.refund('HONO-REFUND', { amount: usd(400) })))
    expect(refunded.refundable).toEqual(usd(600))
    await w.deliverAll()
    const [delivered] = w.answers.filter((a) => a.notifyType === 'REFUND_RESULT')
    expect(delivered?.path).toBe('/antom/notify/refund')
    expect(delivered?.status).toBe(200)
    expect(delivered?.text).toBe(NOTIFICATION_ACK_BODY)
    const [sent] = w.simulator.notifications().filter((n) => n.notifyType === 'REFUND_RESULT')
    expect(sent?.body).toMatchObject({ refundStatus: 'SUCCESS' })
    expect(sent?.status).toBe('acknowledged')
    expect(await notified(w, 'HONO-REFUND')).toEqual(['PAYMENT_NOTIFIED', 'CAPTURE_NOTIFIED', 'REFUND_NOTIFIED'])
    const local = await settled(w, 'HONO-REFUND')
    expect(local.refunded).toEqual(usd(400))
    expect(local.refundable).toEqual(usd(600))
  })

  it('3DS: the return route inquires and authorizes; the notification is acknowledged', async () => {
    const w = await world()
    const challenged = await statusOf(
      await w.createPayment({ ...cardInput('HONO-3DS', 'MANUAL'), card: card(THREE_DS) }),
      201,
    )
    expect(challenged.state).toBe('awaitingCustomer')
    expect(challenged.customerAction).toEqual({ kind: 'threeDS', url: `${baseUrl}/sim/3ds/${challenged.paymentId}` })
    expect(w.simulator.completeChallenge(challenged.paymentId ?? '', 'pass').ok).toBe(true)
    const returned = await statusOf(await w.customerReturned('HONO-3DS'))
    expect(returned.state).toBe('authorized')
    await w.deliverAll()
    expect(allAcknowledged(w)).toEqual([['PAYMENT_RESULT', '/antom/notify/payment', 200, true]])
    await settled(w, 'HONO-3DS')
  })

  it('OTP: a wrong code through the OTP route asks again, the right one pays', async () => {
    const w = await world()
    const awaiting = await statusOf(await w.createPayment(methodInput('HONO-OTP', OTP_WALLET)), 201)
    expect(awaiting.state).toBe('awaitingOtp')
    const wrong = await statusOf(await w.submitOtp('HONO-OTP', 'V-1', '000000'))
    expect(wrong.state).toBe('awaitingOtp')
    const right = await statusOf(await w.submitOtp('HONO-OTP', 'V-2', w.simulator.config.otpCode))
    expect(right.state).toBe('captured')
    await w.deliverAll()
    expect(allAcknowledged(w)).toEqual([['PAYMENT_RESULT', '/antom/notify/payment', 200, true]])
    await settled(w, 'HONO-OTP')
    expect(w.simulator.calls().map((c) => c.result?.resultCode)).toEqual([
      'PAYMENT_IN_PROCESS',
      'VERIFY_UNMATCHED',
      'SUCCESS',
    ])
  })

  it('decline: failed with DO_NOT_HONOR, the F notification acknowledged', async () => {
    const w = await world()
    const declined = await statusOf(
      await w.createPayment({ ...cardInput('HONO-DECLINE', 'AUTOMATIC'), card: card(DECLINE) }),
      201,
    )
    expect(declined.state).toBe('failed')
    expect(declined.failure?.code).toBe('DO_NOT_HONOR')
    await w.deliverAll()
    expect(allAcknowledged(w)).toEqual([['PAYMENT_RESULT', '/antom/notify/payment', 200, true]])
    expect((await settled(w, 'HONO-DECLINE')).state).toBe('failed')
  })

  it('a redelivered notification is acknowledged again without a second transition', async () => {
    const w = await world()
    w.simulator.faults.nextNotifications({ kind: 'duplicate' })
    await statusOf(await w.createPayment({ ...cardInput('HONO-DUP', 'MANUAL'), card: card(SUCCESS) }), 201)
    const before = await w.timeline('HONO-DUP')
    await w.deliverAll()
    expect(allAcknowledged(w)).toEqual([
      ['PAYMENT_RESULT', '/antom/notify/payment', 200, true],
      ['PAYMENT_RESULT', '/antom/notify/payment', 200, true],
    ])
    const after = await w.timeline('HONO-DUP')
    expect(after).toHaveLength(before.length + 1)
    expect(after.at(-1)?.event.type).toBe('PAYMENT_NOTIFIED')
    await settled(w, 'HONO-DUP')
  })

  it('a notification for an unknown payment is answered ORDER_NOT_EXIST, recorded, and comes again', async () => {
    const w = await world()
    // A payment the simulator knows and the merchant's engine never created.
    const answer = w.simulator.request('pay', {
      env: { terminalType: 'WEB' },
      order: { referenceOrderId: 'ORDER-X', orderDescription: 'Cappuccino' },
      paymentRequestId: 'HONO-STRANGER',
      paymentAmount: { currency: 'USD', value: '1099' },
      settlementStrategy: { settlementCurrency: 'USD' },
      paymentMethod: { paymentMethodType: 'CARD', paymentMethodMetaData: card(SUCCESS) },
      paymentFactor: { captureMode: 'MANUAL' },
      paymentNotifyUrl: notifyUrl,
      paymentRedirectUrl: 'https://shop.e2e.test/return',
      productCode: 'CASHIER_PAYMENT',
    })
    expect(answer.result).toMatchObject({ resultStatus: 'S' })
    await w.deliverAll()
    expect(w.answers).toHaveLength(1)
    expect(w.answers[0]?.status).toBe(404)
    expect(JSON.parse(w.answers[0]?.text ?? '{}').result).toMatchObject({
      resultCode: 'ORDER_NOT_EXIST',
      resultStatus: 'F',
    })
    expect([...w.memory.raw.unmatched.values()].map((n) => n.paymentRequestId)).toEqual(['HONO-STRANGER'])
    const [notification] = w.simulator.notifications()
    expect(notification?.status).not.toBe('acknowledged')
    expect(notification?.nextAttemptAt).toBe(w.clock.now() + 2 * MINUTE)
  })

  describe('a delivery the webhook refuses leaves the payment as it was', () => {
    const authorized = async () => {
      const w = await world()
      await statusOf(await w.createPayment({ ...cardInput('HONO-SIG', 'MANUAL'), card: card(SUCCESS) }), 201)
      const [delivery] = w.simulator.dueNotifications(w.clock.now())
      if (delivery === undefined) throw new Error('no notification due')
      const before = await w.timeline('HONO-SIG')
      return { w, delivery, body: JSON.stringify(delivery.body), before }
    }

    it('a bad signature: 401, the engine untouched', async () => {
      const { w, body, before } = await authorized()
      const tampered = await w.post('/antom/notify/payment', body, {
        tamper: (signed) => signed.replace('"1099"', '"1"'),
      })
      expect(tampered.status).toBe(401)
      const otherKeys = await generateSimulatorKeys()
      const stranger = await Effect.runPromise(importPrivateKey(otherKeys.gatewayPrivateKey))
      const forged = await w.post('/antom/notify/payment', body, { signer: stranger })
      expect(forged.status).toBe(401)
      expect(JSON.parse(await forged.text()).result.resultCode).toBe('INVALID_SIGNATURE')
      expect(await w.timeline('HONO-SIG')).toEqual(before)
      expect(w.memory.raw.unmatched.size).toBe(0)
    })

    it('a request-time outside the window: 401, the engine untouched; inside it, acknowledged', async () => {
      const { w, body, before } = await authorized()
      for (const time of [w.clock.now() - 5 * MINUTE - 1, w.clock.now() + 5 * MINUTE + 1]) {
        const response = await w.post('/antom/notify/payment', body, { time })
        expect(response.status).toBe(401)
      }
      expect(await w.timeline('HONO-SIG')).toEqual(before)
      const inTime = await w.post('/antom/notify/payment', body, { time: w.clock.now() - 5 * MINUTE })
      expect(await inTime.text()).toBe(NOTIFICATION_ACK_BODY)
      expect(await w.timeline('HONO-SIG')).toHaveLength(before.length + 1)
    })
  })
})
