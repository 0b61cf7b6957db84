import { Effect } from 'effect'
import { describe, expect, it } from 'vitest'
import type { PaymentInput } from '../machine/context.js'
import { cardSecrets, harness, T0, usd } from './engine.fixtures.js'
import { Engine } from './engine.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** Creates `input` and returns what createPayment failed with, the gateway's calls and whether anything was stored. */
const refusalOf = async (input: PaymentInput) => {
  const h = harness()
  const error = await h.run(Engine.use((engine) => Effect.flip(engine.createPayment(input))))
  const stored = await Effect.runPromise(h.memory.store.load(input.paymentRequestId))
  return { error, calls: h.gateway.calls.length, stored }
}

const accepted = async (input: PaymentInput) => {
  const h = harness()
  const secrets = input.paymentMethodType === 'CARD' ? cardSecrets() : undefined
  const status = await h.run(Engine.use((engine) => engine.createPayment(input, secrets)))
  return { status, calls: h.gateway.calls }
}

const payment = (overrides: Partial<PaymentInput>): PaymentInput => ({
  paymentRequestId: 'PAY-IN',
  amount: usd(2_500),
  ...overrides,
})

describe('createPayment refuses an input the gateway would refuse or that would drift, before anything exists', () => {
  it.each(['GOOGLEPAY', 'APPLEPAY', 'PAYPAL', 'ALIPAY_CN'])(
    'MANUAL capture of a %s pay names captureMode',
    async (method) => {
      const { error, calls, stored } = await refusalOf(payment({ paymentMethodType: method, captureMode: 'MANUAL' }))
      expect(error).toMatchObject({ _tag: 'PaymentInputInvalid', paymentRequestId: 'PAY-IN', field: 'captureMode' })
      expect(error.message).toContain(method)
      expect(calls).toBe(0)
      expect(stored).toBeUndefined()
    },
  )

  it('MANUAL is taken for a card, and for a Checkout Page session (the card the buyer may pick)', async () => {
    const card = await accepted(payment({ paymentMethodType: 'CARD', captureMode: 'MANUAL' }))
    expect(card.calls.map((c) => c.kind)).toEqual(['pay'])
    const buyer = { order: { buyer: { referenceBuyerId: 'B-1' } } }
    const session = await accepted(payment({ flow: 'checkoutSession', captureMode: 'MANUAL', requestDetails: buyer }))
    expect(session.calls).toMatchObject([{ kind: 'createPaymentSession', command: { captureMode: 'MANUAL' } }])
  })

  it.each([
    ['U+0000 in a description', { order: { orderDescription: 'Tea\u0000' } }, 'requestDetails.order.orderDescription'],
    [
      'half a surrogate pair in a goods name',
      { order: { goods: [{ goodsName: 'ok' }, { goodsName: 'T\uD83C' }] } },
      'requestDetails.order.goods[1].goodsName',
    ],
    ['U+0000 in a key', { extendInfo: { 'a\u0000': 'x' } }, 'requestDetails.extendInfo.a\u0000'],
  ])('%s is named: the payment is stored and sent as JSON, which Postgres cannot hold', async (_, details, field) => {
    const { error, calls, stored } = await refusalOf(
      payment({ paymentMethodType: 'ALIPAY_CN', requestDetails: details }),
    )
    expect(error).toMatchObject({ _tag: 'PaymentInputInvalid', paymentRequestId: 'PAY-IN', field })
    expect(calls).toBe(0)
    expect(stored).toBeUndefined()
    const whole = await accepted(
      payment({ paymentMethodType: 'ALIPAY_CN', requestDetails: { order: { orderDescription: 'Tea \uD83C\uDF75' } } }),
    )
    expect(whole.calls.map((c) => c.kind)).toEqual(['pay'])
  })

  it('a Checkout Page session a card may pay names its buyer, as the page requires', async () => {
    const { error, calls } = await refusalOf(payment({ flow: 'checkoutSession', requestDetails: { order: {} } }))
    expect(error).toMatchObject({ _tag: 'PaymentInputInvalid', field: 'requestDetails.order.buyer' })
    expect(calls).toBe(0)
    const wallet = await accepted(payment({ flow: 'checkoutSession', paymentMethodType: 'ALIPAY_CN' }))
    expect(wallet.calls.map((c) => c.kind)).toEqual(['createPaymentSession'])
    const email = { order: { buyer: { buyerEmail: 'ada@example.com' } } }
    const byEmail = await accepted(payment({ flow: 'checkoutSession', requestDetails: email }))
    expect(byEmail.calls.map((c) => c.kind)).toEqual(['createPaymentSession'])
  })

  it('the method named only in requestDetails.paymentMethod counts', async () => {
    const details = { paymentMethod: { paymentMethodType: 'GOOGLEPAY' } }
    const { error } = await refusalOf(payment({ captureMode: 'MANUAL', requestDetails: details }))
    expect(error).toMatchObject({ field: 'captureMode' })
  })

  it('a paymentFactor.captureMode in requestDetails that differs from captureMode names that field', async () => {
    const details = { paymentFactor: { isAuthorization: true, captureMode: 'MANUAL' } }
    const { error, calls } = await refusalOf(payment({ paymentMethodType: 'CARD', requestDetails: details }))
    expect(error).toMatchObject({ _tag: 'PaymentInputInvalid', field: 'requestDetails.paymentFactor.captureMode' })
    expect(error.message).toContain('captureMode is AUTOMATIC')
    expect(calls).toBe(0)
  })

  it('the same capture mode in both places is one value, and taken', async () => {
    const details = { paymentFactor: { captureMode: 'MANUAL' } }
    const { calls } = await accepted(
      payment({ paymentMethodType: 'CARD', captureMode: 'MANUAL', requestDetails: details }),
    )
    expect(calls.map((c) => c.kind)).toEqual(['pay'])
  })

  it.each([
    ['a time already past', 'CARD', T0 - 1],
    ['10 minutes or more after the pay, for a card', 'CARD', T0 + 10 * MINUTE],
    ['10 minutes or more after the pay, for a wallet', 'ALIPAY_CN', T0 + 11 * MINUTE],
    ['48 hours or more after the pay, for bank transfer', 'BANKTRANSFER_PAYNOW', T0 + 48 * HOUR],
  ])('paymentExpiresAt %s names paymentExpiresAt', async (_what, method, expiresAt) => {
    const { error, stored } = await refusalOf(payment({ paymentMethodType: method, paymentExpiresAt: expiresAt }))
    expect(error).toMatchObject({ _tag: 'PaymentInputInvalid', field: 'paymentExpiresAt' })
    expect(stored).toBeUndefined()
  })

  it('an expiry within the caps is sent as given', async () => {
    const card = await accepted(payment({ paymentMethodType: 'CARD', paymentExpiresAt: T0 + 9 * MINUTE }))
    expect(card.calls).toMatchObject([{ kind: 'pay', command: { paymentExpiresAt: T0 + 9 * MINUTE } }])
    const bank = await accepted(payment({ paymentMethodType: 'BANK_TRANSFER', paymentExpiresAt: T0 + 47 * HOUR }))
    expect(bank.calls).toMatchObject([{ kind: 'pay', command: { paymentExpiresAt: T0 + 47 * HOUR } }])
  })
})
