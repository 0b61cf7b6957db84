import { Effect, Exit, Redacted } from 'effect'
import { describe, expect, it } from 'vitest'
import type { PaymentInput } from '../machine/context.js'
import { cardSecrets, failed, harness, inProcess, ok, T0, usd } from './engine.fixtures.js'
import { Engine } from './engine.js'

const card = (overrides: Partial<PaymentInput> = {}): PaymentInput => ({
  paymentRequestId: 'PAY-1',
  amount: usd(10_000),
  paymentMethodType: 'CARD',
  captureMode: 'MANUAL',
  merchantReference: 'ORDER-1',
  ...overrides,
})

describe('a card payment with 3DS and manual capture, through the public API', () => {
  it('redirects, authorizes on return, captures, refunds in parts and rejects an over-refund', async () => {
    const h = harness()
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        const created = yield* engine.createPayment(card(), cardSecrets())
        const returned = yield* engine.customerReturned('PAY-1')
        const overCapture = yield* Effect.flip(engine.capture('PAY-1', { amount: usd(20_000) }))
        const captured = yield* engine.capture('PAY-1', { captureRequestId: 'CAP-1' })
        yield* engine.refund('PAY-1', { refundRequestId: 'R-1', amount: usd(3_000) })
        const partly = yield* engine.refund('PAY-1', { amount: usd(2_000) })
        const overRefund = yield* Effect.flip(engine.refund('PAY-1', { refundRequestId: 'R-3', amount: usd(5_001) }))
        const timeline = yield* engine.timeline('PAY-1')
        return { created, returned, overCapture, captured, partly, overRefund, timeline }
      }),
    )
    expect(result.created).toMatchObject({
      state: 'awaitingCustomer',
      paymentId: 'P-PAY-1',
      merchantReference: 'ORDER-1',
      customerAction: { kind: 'threeDS', url: 'https://acs.example/3ds' },
    })
    expect(result.returned).toMatchObject({ state: 'authorized', authorized: usd(10_000) })
    expect(result.overCapture).toMatchObject({
      _tag: 'IntentRejected',
      paymentRequestId: 'PAY-1',
      intent: 'CAPTURE',
      code: 'exceedsAuthorized',
      reason: 'capture of 200.00 USD exceeds the authorized amount',
    })
    expect(result.captured).toMatchObject({ state: 'captured', captured: usd(10_000), refundable: usd(10_000) })
    expect(result.partly).toMatchObject({ refunded: usd(5_000), refundable: usd(5_000) })
    expect(result.partly.refunds.map((r) => r.refundRequestId)).toEqual(['R-1', 'PAY-1-refund-2'])
    expect(result.overRefund).toMatchObject({
      _tag: 'IntentRejected',
      intent: 'REFUND',
      code: 'exceedsRefundable',
      reason: 'refund of 50.01 USD exceeds the refundable amount',
    })
    expect(h.gateway.calls.map((c) => [c.kind, c.idempotencyKey])).toEqual([
      ['pay', 'PAY-1'],
      ['inquiryPayment', 'PAY-1'],
      ['capture', 'CAP-1'],
      ['refund', 'R-1'],
      ['refund', 'PAY-1-refund-2'],
    ])
    expect(h.gateway.calls[0]?.hadSecrets).toBe(true)
    expect(h.publishedTypes()).toEqual(['customerActionRequired', 'authorized', 'readyToShip', 'refunded', 'refunded'])
    expect(result.timeline.map((e) => e.event.type)).toEqual([
      'SUBMIT',
      'PAY_ANSWERED',
      'CUSTOMER_RETURNED',
      'INQUIRY_ANSWERED',
      'CAPTURE',
      'CAPTURE',
      'CAPTURE_ANSWERED',
      'REFUND',
      'REFUND_ANSWERED',
      'REFUND',
      'REFUND_ANSWERED',
      'REFUND',
    ])
    expect([...h.memory.raw.outbox.values()].every((row) => row.done)).toBe(true)
  })

  it('with automatic capture, is ready to ship on the capture notification, with no capture call', async () => {
    const h = harness({ answers: { pay: () => ({ type: 'PAY_ANSWERED', result: ok, paymentId: 'P-9' }) } })
    const [paid, outcome, status] = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        const paid = yield* engine.createPayment(card({ captureMode: 'AUTOMATIC' }), cardSecrets())
        const outcome = yield* engine.handleNotification(
          { type: 'CAPTURE_NOTIFIED', at: T0 + 1, paymentId: 'P-9', result: ok, amount: usd(10_000) },
          { notificationKey: 'CAPTURE_RESULT/P-9' },
        )
        return [paid, outcome, yield* engine.status('PAY-1')] as const
      }),
    )
    expect(paid.state).toBe('capturing')
    expect(outcome).toBe('applied')
    expect(status).toMatchObject({ state: 'captured', captured: usd(10_000) })
    expect(h.gateway.kinds()).toEqual(['pay'])
    expect(h.publishedTypes()).toEqual(['succeeded', 'readyToShip'])
  })

  it('fails on a decline and says why', async () => {
    const h = harness({ answers: { pay: () => ({ type: 'PAY_ANSWERED', result: failed('DO_NOT_HONOR') }) } })
    const status = await h.run(Engine.use((engine) => engine.createPayment(card(), cardSecrets())))
    expect(status).toMatchObject({ state: 'failed', failure: { code: 'DO_NOT_HONOR', source: 'pay' } })
    expect(h.publishedTypes()).toEqual(['failed'])
  })

  it('answers PaymentNotFound for an intent on an unknown payment, and PaymentExists on a second create', async () => {
    const h = harness()
    const [missing, twice] = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* engine.createPayment(card(), cardSecrets())
        return [yield* Effect.flip(engine.capture('NOPE')), yield* Effect.exit(engine.createPayment(card()))] as const
      }),
    )
    expect(missing).toMatchObject({ _tag: 'PaymentNotFound', paymentRequestId: 'NOPE' })
    expect(Exit.isFailure(twice)).toBe(true)
    expect(String(twice)).toContain('PaymentExists')
  })

  it('cancels an authorized payment', async () => {
    const h = harness()
    const status = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* engine.createPayment(card(), cardSecrets())
        yield* engine.customerReturned('PAY-1')
        return yield* engine.cancel('PAY-1')
      }),
    )
    expect(status.state).toBe('cancelled')
    expect(h.gateway.kinds()).toEqual(['pay', 'inquiryPayment', 'cancel'])
  })
})

describe('OTP', () => {
  const otpPay = () => ({
    type: 'PAY_ANSWERED' as const,
    result: inProcess,
    paymentId: 'P-OTP',
    nextAction: { kind: 'otp' as const },
  })
  const wallet: PaymentInput = {
    paymentRequestId: 'PAY-OTP',
    amount: usd(500),
    paymentMethodType: 'GCASH',
    captureMode: 'AUTOMATIC',
  }

  it('asks again after a wrong code, then succeeds with the right one; the codes reach the gateway only', async () => {
    const h = harness({ answers: { pay: otpPay } })
    const [first, wrong, right] = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        return [
          yield* engine.createPayment(wallet),
          yield* engine.submitOtp('PAY-OTP', 'V-1', Redacted.make('000000')),
          yield* engine.submitOtp('PAY-OTP', 'V-2', Redacted.make('123456')),
        ] as const
      }),
    )
    expect(first).toMatchObject({ state: 'awaitingOtp', customerAction: { kind: 'otp' } })
    expect(wrong.state).toBe('awaitingOtp')
    expect(right.state).toBe('captured')
    expect(h.gateway.calls.filter((c) => c.kind === 'verifyAndCompletePayment').map((c) => c.idempotencyKey)).toEqual([
      'V-1',
      'V-2',
    ])
    expect(h.publishedTypes()).toEqual(['customerActionRequired', 'customerActionRequired', 'succeeded', 'readyToShip'])
  })

  it('refuses an OTP when none is awaited: IntentRejected, and no verification is sent', async () => {
    const h = harness({ answers: { pay: () => ({ type: 'PAY_ANSWERED', result: ok, paymentId: 'P-1' }) } })
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* engine.createPayment(wallet)
        const refused = yield* Effect.flip(engine.submitOtp('PAY-OTP', 'V-1', Redacted.make('123456')))
        return { refused, status: yield* engine.status('PAY-OTP') }
      }),
    )
    expect(result.refused).toMatchObject({ _tag: 'IntentRejected', intent: 'OTP_SUBMITTED' })
    expect(result.status.state).toBe('captured')
    expect(h.gateway.kinds()).toEqual(['pay'])
  })

  it('refuses a refund before capture and a cancel after it, but answers a late return with the status', async () => {
    const h = harness()
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* engine.createPayment({ ...wallet, paymentMethodType: 'CARD', captureMode: 'MANUAL' }, cardSecrets())
        yield* engine.customerReturned('PAY-OTP')
        const refund = yield* Effect.flip(engine.refund('PAY-OTP', { amount: usd(100) }))
        yield* engine.capture('PAY-OTP', { captureRequestId: 'CAP-1' })
        const sameCapture = yield* engine.capture('PAY-OTP', { captureRequestId: 'CAP-1' })
        const secondCapture = yield* Effect.flip(engine.capture('PAY-OTP', { captureRequestId: 'CAP-2' }))
        const cancel = yield* Effect.flip(engine.cancel('PAY-OTP'))
        const lateReturn = yield* engine.customerReturned('PAY-OTP')
        return { refund, sameCapture, secondCapture, cancel, lateReturn }
      }),
    )
    expect(result.refund).toMatchObject({ _tag: 'IntentRejected', intent: 'REFUND' })
    expect(result.refund.message).toContain('REFUND is not allowed while the payment is authorized')
    expect(result.sameCapture.state).toBe('captured')
    expect(result.secondCapture).toMatchObject({ _tag: 'IntentRejected', intent: 'CAPTURE' })
    expect(result.cancel).toMatchObject({ _tag: 'IntentRejected', intent: 'CANCEL' })
    expect(result.lateReturn.state).toBe('captured')
    expect(h.gateway.kinds().filter((k) => k === 'refund' || k === 'cancel' || k === 'capture')).toEqual(['capture'])
  })
})
