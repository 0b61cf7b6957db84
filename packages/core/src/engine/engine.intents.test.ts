import { Effect } from 'effect'
import { describe, expect, it } from 'vitest'
import type { PaymentInput } from '../machine/context.js'
import { cardSecrets, harness, inProcess, ok, usd } from './engine.fixtures.js'
import { Engine } from './engine.js'

const wallet: PaymentInput = {
  paymentRequestId: 'PAY-W',
  amount: usd(10_000),
  paymentMethodType: 'ALIPAY_CN',
}
const card: PaymentInput = {
  paymentRequestId: 'PAY-C',
  amount: usd(10_000),
  paymentMethodType: 'CARD',
  captureMode: 'MANUAL',
}
const paidAtOnce = { pay: () => ({ type: 'PAY_ANSWERED' as const, result: ok, paymentId: 'P-1', amount: usd(10_000) }) }

describe('merchant intents raced and repeated', () => {
  it('two refunds asked at once without ids are two refunds, each sent under its own id', async () => {
    const h = harness({ answers: paidAtOnce })
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* engine.createPayment(wallet)
        const [a, b] = yield* Effect.all(
          [engine.refund('PAY-W', { amount: usd(1_000) }), engine.refund('PAY-W', { amount: usd(2_000) })],
          { concurrency: 'unbounded' },
        )
        return { a, b, status: yield* engine.status('PAY-W') }
      }),
    )
    expect(new Set([result.a.refund.refundRequestId, result.b.refund.refundRequestId])).toEqual(
      new Set(['PAY-W-refund-1', 'PAY-W-refund-2']),
    )
    expect(result.a.refund.amount).toEqual(usd(1_000))
    expect(result.b.refund.amount).toEqual(usd(2_000))
    expect(result.status.refunded).toEqual(usd(3_000))
    const refunds = h.gateway.calls.filter((c) => c.kind === 'refund').map((c) => c.idempotencyKey)
    expect(refunds.sort()).toEqual(['PAY-W-refund-1', 'PAY-W-refund-2'])
  })

  it('a refund id asked again with the same amount is the same refund; with another, RequestIdReused', async () => {
    const h = harness({ answers: paidAtOnce })
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* engine.createPayment(wallet)
        const first = yield* engine.refund('PAY-W', { refundRequestId: 'R-1', amount: usd(500) })
        const again = yield* engine.refund('PAY-W', { refundRequestId: 'R-1', amount: usd(500) })
        const other = yield* Effect.flip(engine.refund('PAY-W', { refundRequestId: 'R-1', amount: usd(2_000) }))
        return { first, again, other }
      }),
    )
    expect(result.again.refund).toEqual(result.first.refund)
    expect(result.other).toMatchObject({
      _tag: 'RequestIdReused',
      intent: 'REFUND',
      requestId: 'R-1',
      reason: 'refundRequestId R-1 was used for 5.00 USD; this refund asks for 20.00 USD',
    })
    expect(h.gateway.calls.filter((c) => c.kind === 'refund')).toHaveLength(1)
  })

  it('a second capture without an id for another amount is refused, never answered as sent', async () => {
    const h = harness({ answers: { pay: () => ({ type: 'PAY_ANSWERED', result: ok, paymentId: 'P-1' }) } })
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* engine.createPayment(card, cardSecrets())
        const first = yield* engine.capture('PAY-C', { amount: usd(500) })
        const second = yield* Effect.flip(engine.capture('PAY-C', { amount: usd(2_401) }))
        const whole = yield* Effect.flip(engine.capture('PAY-C'))
        return { first, second, whole }
      }),
    )
    expect(result.first).toMatchObject({ state: 'captured', captured: usd(500) })
    expect(result.second).toMatchObject({ _tag: 'RequestIdReused', intent: 'CAPTURE', requestId: 'PAY-C-capture' })
    expect(result.whole).toMatchObject({ _tag: 'RequestIdReused' })
    expect(h.gateway.calls.filter((c) => c.kind === 'capture')).toHaveLength(1)
  })
})

describe('a customer coming back', () => {
  const pending = {
    pay: () => ({
      type: 'PAY_ANSWERED' as const,
      result: inProcess,
      paymentId: 'P-1',
      nextAction: { kind: 'threeDS' as const, url: 'https://acs' },
    }),
  }

  it('fifty times at once to a pending payment makes one inquiry', async () => {
    const h = harness({
      answers: {
        ...pending,
        inquiryPayment: () => ({ type: 'INQUIRY_ANSWERED', result: ok, paymentStatus: 'PROCESSING' }),
      },
    })
    await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* engine.createPayment(card, cardSecrets())
        yield* Effect.all(
          Array.from({ length: 50 }, () => engine.customerReturned('PAY-C')),
          { concurrency: 'unbounded' },
        )
      }),
    )
    expect(h.gateway.kinds()).toEqual(['pay', 'inquiryPayment'])
  })

  it('to a settled payment writes nothing and calls nothing', async () => {
    const h = harness({ answers: paidAtOnce })
    const versions = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        const before = yield* engine.createPayment(wallet)
        for (let i = 0; i < 20; i++) yield* engine.customerReturned('PAY-W')
        return { before: before.version, after: (yield* engine.status('PAY-W')).version }
      }),
    )
    expect(versions.after).toBe(versions.before)
    expect(h.gateway.kinds()).toEqual(['pay'])
  })
})
