import { antomGateway, decodeNotification, notificationEvent } from '@paychart/antom'
import { collectDomainEvents, Engine, type PaymentInput } from '@paychart/core'
import {
  createSimulator,
  createSimulatorApp,
  generateSimulatorKeys,
  simulatorTransport,
  TEST_CARDS,
} from '@paychart/testkit'
import { Effect, Layer, ManagedRuntime, Redacted } from 'effect'
import { expect, it } from 'vitest'
import { dumpSchema, useFreshStore, withPostgres } from './postgres.fixtures.js'

const clientId = 'SANDBOX_PG_CARD_DATA'
const baseUrl = 'https://gateway.card-data.test'
const notifyUrl = 'https://shop.card-data.test/antom/notify'

/** A CVV and an expiry no stored number contains by chance: found anywhere, they were written. */
const CVV = '7391'
const EXPIRY = { month: '07', year: '39' }

const cardNumber = (description: string): string => {
  const card = TEST_CARDS.find((c) => c.description === description)
  if (card === undefined) throw new Error(`no test card "${description}"`)
  return card.number
}

const input = (paymentRequestId: string, captureMode: 'MANUAL' | 'AUTOMATIC'): PaymentInput => ({
  paymentRequestId,
  amount: { currency: 'USD', minor: 2_500 },
  paymentMethodType: 'CARD',
  captureMode,
  merchantReference: `ORDER-${paymentRequestId}`,
  requestDetails: {
    order: {
      referenceOrderId: `ORDER-${paymentRequestId}`,
      orderDescription: 'Tea',
      orderAmount: { currency: 'USD', minor: 2_500 },
    },
    env: { terminalType: 'WEB' },
    settlementStrategy: { settlementCurrency: 'USD' },
    paymentRedirectUrl: 'https://shop.card-data.test/return',
    paymentNotifyUrl: notifyUrl,
    paymentMethod: { paymentMethodType: 'CARD' },
  },
})

const secrets = (cardNo: string) => ({
  cardMetaData: Redacted.make({ cardNo, cvv: CVV, expiryMonth: EXPIRY.month, expiryYear: EXPIRY.year }),
})

/** `value` as a whole token: not inside a longer run of digits (a time, a sequence number). */
const asToken = (value: string) => new RegExp(`(?<![0-9])${value}(?![0-9])`)

withPostgres('postgres store: card data', () => {
  it('keeps no card number, CVV or expiry in any row of any table after card flows through the engine', async () => {
    const made = await useFreshStore()
    const keys = await generateSimulatorKeys()
    const simulator = createSimulator({ now: () => Date.now(), baseUrl, defaultNotifyUrl: notifyUrl })
    const app = createSimulatorApp({ simulator, keys, clientId })
    const gateway = antomGateway({
      clientId,
      merchantPrivateKey: keys.merchantPrivateKey,
      antomPublicKey: keys.gatewayPublicKey,
      baseUrl,
    }).pipe(Layer.provide(simulatorTransport(app)))
    const layer = Engine.layer.pipe(
      Layer.provide(Layer.mergeAll(made.opened.layer, gateway, collectDomainEvents().layer)),
    )
    const runtime = ManagedRuntime.make(layer)
    const engine = <A, E>(use: (e: Engine['Service']) => Effect.Effect<A, E>) => runtime.runPromise(Engine.use(use))

    const threeDS = cardNumber('3DS challenge')
    const success = cardNumber('success (sandbox)')
    const challenged = await engine((e) => e.createPayment(input('PAY-CARD-3DS', 'MANUAL'), secrets(threeDS)))
    expect(challenged.state).toBe('awaitingCustomer')
    const paymentId = simulator.payment('PAY-CARD-3DS')?.paymentId ?? ''
    expect(simulator.completeChallenge(paymentId, 'pass').ok).toBe(true)
    expect((await engine((e) => e.customerReturned('PAY-CARD-3DS'))).state).toBe('authorized')
    expect((await engine((e) => e.capture('PAY-CARD-3DS'))).state).toBe('captured')
    expect((await engine((e) => e.createPayment(input('PAY-CARD-AUTO', 'AUTOMATIC'), secrets(success)))).state).toBe(
      'capturing',
    )

    let delivered = 0
    for (const delivery of simulator.dueNotifications()) {
      const body = JSON.stringify(delivery.body)
      const notification = await Effect.runPromise(decodeNotification(body))
      const { event, notificationKey } = notificationEvent(notification, Date.now())
      await engine((e) => e.handleNotification(event, { notificationKey, body }))
      simulator.acknowledge(delivery.notificationId, {
        result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' },
      })
      delivered += 1
    }
    expect(delivered).toBeGreaterThan(0)
    expect((await engine((e) => e.status('PAY-CARD-AUTO'))).state).toBe('captured')
    await runtime.dispose()

    const dump = await dumpSchema(made.client, made.schema)
    for (const shown of ['PAY-CARD-3DS', 'PAY-CARD-AUTO', paymentId, 'CAPTURE_RESULT', 'readyToShip']) {
      expect(dump, `the dump shows ${shown}`).toContain(shown)
    }
    for (const number of TEST_CARDS.map((card) => card.number)) {
      expect(dump.includes(number), `card number ${number} stored`).toBe(false)
    }
    expect(dump, 'CVV stored').not.toMatch(asToken(CVV))
    for (const expiry of [`${EXPIRY.month}/${EXPIRY.year}`, `${EXPIRY.month}${EXPIRY.year}`, `20${EXPIRY.year}`]) {
      expect(dump, `expiry ${expiry} stored`).not.toMatch(asToken(expiry))
    }
    // `cvvResult` (the issuer's raw CVV check, kept) is not the CVV: the key itself, as a word, is.
    expect(dump, 'a card field stored').not.toMatch(/\bcvv\b|expiryMonth|expiryYear|cardMetaData/i)
  })
})
