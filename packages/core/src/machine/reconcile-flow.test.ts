import { describe, expect, it } from 'vitest'
import {
  cardInput,
  failed,
  gatewayCalls,
  inProcess,
  ok,
  published,
  scheduled,
  T0,
  unknown,
  usd,
  walletInput,
} from './machine.fixtures.js'
import { stateOf } from './state.js'
import { applyEvent, applyEvents, startPayment } from './transitions.js'

const timedOut = () =>
  applyEvents(startPayment(cardInput()).snapshot, [
    { type: 'SUBMIT', at: T0 },
    { type: 'GATEWAY_UNANSWERED', at: T0 + 30_000, operation: 'pay', reason: 'timeout' },
  ])

describe('unknown outcome', () => {
  it('never assumes failure: a timed-out pay is reconciled by inquiry, first after about a minute', () => {
    const { snapshot, commands } = timedOut()
    expect(stateOf(snapshot)).toBe('reconciling')
    expect(scheduled(commands).at(-1)).toEqual({ timer: 'reconcile', dueAt: T0 + 30_000 + 60_000 })
  })

  it('backs off between inquiries, capped', () => {
    let step = timedOut()
    const delays: number[] = []
    for (let i = 0; i < 8; i++) {
      const at = T0 + 1_000_000 * (i + 1)
      step = applyEvent(step.snapshot, { type: 'TIMER_FIRED', at, timer: 'reconcile' })
      expect(gatewayCalls(step.commands)).toEqual(['inquiryPayment'])
      delays.push((scheduled(step.commands)[0]?.dueAt ?? 0) - at)
    }
    expect(delays).toEqual([120_000, 240_000, 480_000, 960_000, 1_800_000, 1_800_000, 1_800_000, 1_800_000])
  })

  it('sends the pay again under the same paymentRequestId when the gateway never saw it, a bounded number of times', () => {
    let step = timedOut()
    const notFound = { type: 'INQUIRY_ANSWERED', at: T0 + 100_000, result: failed('ORDER_NOT_EXIST') } as const
    step = applyEvent(step.snapshot, notFound)
    expect(stateOf(step.snapshot)).toBe('submitting')
    expect(step.commands[0]).toMatchObject({ kind: 'pay', idempotencyKey: 'PAY-001', attempt: 2 })
    step = applyEvents(step.snapshot, [
      { type: 'GATEWAY_UNANSWERED', at: T0 + 130_000, operation: 'pay', reason: 'network' },
      notFound,
      { type: 'GATEWAY_UNANSWERED', at: T0 + 160_000, operation: 'pay', reason: 'network' },
      notFound,
    ])
    expect(step.snapshot.context.counts.payAttempts).toBe(3)
    expect(stateOf(step.snapshot)).toBe('reconciling')
    expect(gatewayCalls(step.commands)).toEqual(['pay'])
  })

  it('treats a U result other than PAYMENT_IN_PROCESS as unknown, not failed', () => {
    const { snapshot } = applyEvents(startPayment(cardInput()).snapshot, [
      { type: 'SUBMIT', at: T0 },
      { type: 'PAY_ANSWERED', at: T0 + 1, result: unknown('UNKNOWN_EXCEPTION') },
    ])
    expect(stateOf(snapshot)).toBe('reconciling')
  })

  it('fails for a new paymentRequestId on PAYMENT_IN_PROCESS without any URL, as the spec says', () => {
    const { snapshot } = applyEvents(startPayment(cardInput()).snapshot, [
      { type: 'SUBMIT', at: T0 },
      { type: 'PAY_ANSWERED', at: T0 + 1, result: inProcess },
    ])
    expect(snapshot.context.failure).toMatchObject({ code: 'PAYMENT_IN_PROCESS', category: 'retryNewRequest' })
  })

  it('settles from whatever arrives first: an inquiry, a notification or a late answer', () => {
    const settled = applyEvent(timedOut().snapshot, {
      type: 'INQUIRY_ANSWERED',
      at: T0 + 100_000,
      result: ok,
      paymentStatus: 'FAIL',
      paymentResultCode: 'DO_NOT_HONOR',
    })
    expect(settled.snapshot.context.failure).toMatchObject({ code: 'DO_NOT_HONOR', source: 'inquiryPayment' })
    const cancelled = applyEvent(timedOut().snapshot, {
      type: 'INQUIRY_ANSWERED',
      at: T0 + 1,
      result: ok,
      paymentStatus: 'CANCELLED',
    })
    expect(stateOf(cancelled.snapshot)).toBe('cancelled')
    expect(cancelled.commands).toContainEqual({ kind: 'publish', event: { type: 'cancelled', reason: 'gateway' } })
  })
})

describe('payment expiry', () => {
  const redirected = () =>
    applyEvents(startPayment(walletInput()).snapshot, [
      { type: 'SUBMIT', at: T0 },
      { type: 'PAY_ANSWERED', at: T0 + 1, result: inProcess, nextAction: { kind: 'redirect', url: 'https://w' } },
    ])
  const expiresAt = T0 + 14 * 60_000
  /** The expiry fired while the pay was out; then the pay was reported unanswered, which sent the closing inquiry. */
  const expiredWhilePayUnanswered = () =>
    applyEvents(startPayment(cardInput()).snapshot, [
      { type: 'SUBMIT', at: T0 },
      { type: 'TIMER_FIRED', at: expiresAt, timer: 'paymentExpiry' },
      { type: 'GATEWAY_UNANSWERED', at: expiresAt + 1, operation: 'pay', reason: 'timeout' },
    ])

  it('checks the gateway before closing, then cancels a payment still in process', () => {
    const expiring = applyEvent(redirected().snapshot, { type: 'TIMER_FIRED', at: expiresAt, timer: 'paymentExpiry' })
    expect(stateOf(expiring.snapshot)).toBe('expiring')
    expect(gatewayCalls(expiring.commands)).toEqual(['inquiryPayment'])
    const closing = applyEvent(expiring.snapshot, {
      type: 'INQUIRY_ANSWERED',
      at: expiresAt + 1,
      result: ok,
      paymentStatus: 'PROCESSING',
    })
    expect(stateOf(closing.snapshot)).toBe('cancelling')
    expect(gatewayCalls(closing.commands)).toEqual(['cancel'])
    const closed = applyEvent(closing.snapshot, { type: 'CANCEL_ANSWERED', at: expiresAt + 2, result: ok })
    expect(stateOf(closed.snapshot)).toBe('expired')
  })

  it('takes a success found at expiry: the gateway is the truth', () => {
    const { snapshot } = applyEvents(redirected().snapshot, [
      { type: 'TIMER_FIRED', at: expiresAt, timer: 'paymentExpiry' },
      { type: 'INQUIRY_ANSWERED', at: expiresAt + 1, result: ok, paymentStatus: 'SUCCESS', amount: usd(10_000) },
    ])
    expect(stateOf(snapshot)).toBe('captured')
  })

  it('retries the closing inquiry and the cancel when they go unanswered', () => {
    const { snapshot, commands } = applyEvents(redirected().snapshot, [
      { type: 'TIMER_FIRED', at: expiresAt, timer: 'paymentExpiry' },
      { type: 'GATEWAY_UNANSWERED', at: expiresAt + 1, operation: 'inquiryPayment', reason: 'timeout' },
      { type: 'TIMER_FIRED', at: expiresAt + 60_000, timer: 'reconcile' },
      { type: 'INQUIRY_ANSWERED', at: expiresAt + 60_001, result: ok, paymentStatus: 'PROCESSING' },
      { type: 'GATEWAY_UNANSWERED', at: expiresAt + 60_002, operation: 'cancel', reason: 'timeout' },
      { type: 'TIMER_FIRED', at: expiresAt + 200_000, timer: 'reconcile' },
    ])
    expect(stateOf(snapshot)).toBe('cancelling')
    expect(gatewayCalls(commands)).toEqual(['inquiryPayment', 'inquiryPayment', 'cancel', 'cancel'])
  })

  it('marks a payment the gateway already failed at expiry as expired', () => {
    const { snapshot } = applyEvents(redirected().snapshot, [
      { type: 'TIMER_FIRED', at: expiresAt, timer: 'paymentExpiry' },
      {
        type: 'INQUIRY_ANSWERED',
        at: expiresAt + 1,
        result: ok,
        paymentStatus: 'FAIL',
        paymentResultCode: 'ORDER_IS_CLOSED',
      },
    ])
    expect(stateOf(snapshot)).toBe('expired')
  })

  it('expires a pay the gateway never saw: no cancel, and no pay sent again once the expiry has passed', () => {
    // The pay was lost before it left (crash, lost card data): every inquiry answers ORDER_NOT_EXIST.
    const notFound = (at: number) => ({ type: 'INQUIRY_ANSWERED', at, result: failed('ORDER_NOT_EXIST') }) as const
    const lost = applyEvents(startPayment(cardInput()).snapshot, [
      { type: 'SUBMIT', at: T0 },
      { type: 'GATEWAY_UNANSWERED', at: T0 + 1, operation: 'pay', reason: 'network' },
    ])
    // Before the expiry fires, the closing inquiry finds nothing: expired, nothing to cancel.
    const expiring = applyEvent(lost.snapshot, { type: 'TIMER_FIRED', at: expiresAt, timer: 'paymentExpiry' })
    expect(stateOf(expiring.snapshot)).toBe('expiring')
    const closed = applyEvent(expiring.snapshot, notFound(expiresAt + 1))
    expect(stateOf(closed.snapshot)).toBe('expired')
    expect(gatewayCalls(closed.commands)).toEqual([])
    expect(published(closed.commands)).toEqual(['expired'])
    // An inquiry answered after the expiry, ahead of its timer, sends no pay (it would carry a past expiry) and
    // does not wait for the timer either: the payment is expired.
    const late = applyEvent(lost.snapshot, notFound(expiresAt + 1))
    expect(stateOf(late.snapshot)).toBe('expired')
    expect(gatewayCalls(late.commands)).toEqual([])
    expect(published(late.commands)).toEqual(['expired'])
  })

  it('ignores an answer to a pay already reported unanswered while expiring: the closing inquiry settles it', () => {
    // Found by the scheduled model run (FC_SEED=1034390159 FC_PATH=303): the late U answer fell through to
    // pending's handler, moved the expired payment back to reconciling, and it inquired for ever.
    const notFound = (at: number) => ({ type: 'INQUIRY_ANSWERED', at, result: failed('ORDER_NOT_EXIST') }) as const
    const expiring = expiredWhilePayUnanswered()
    expect(stateOf(expiring.snapshot)).toBe('expiring')
    expect(gatewayCalls(expiring.commands)).toEqual(['pay', 'inquiryPayment'])
    const stale = applyEvent(expiring.snapshot, {
      type: 'PAY_ANSWERED',
      at: expiresAt + 2,
      result: unknown('UNKNOWN_EXCEPTION'),
    })
    expect(stateOf(stale.snapshot)).toBe('expiring')
    expect(gatewayCalls(stale.commands)).toEqual([])
    expect(stale.snapshot.context.anomalies.at(-1)).toMatchObject({ event: 'PAY_ANSWERED', reason: 'ignored' })
    const closed = applyEvent(stale.snapshot, notFound(expiresAt + 3))
    expect(stateOf(closed.snapshot)).toBe('expired')
  })

  it('expires when a cancel sent for expiry finds no such payment, rather than reconciling for ever', () => {
    const { snapshot, commands } = applyEvents(redirected().snapshot, [
      { type: 'TIMER_FIRED', at: expiresAt, timer: 'paymentExpiry' },
      { type: 'INQUIRY_ANSWERED', at: expiresAt + 1, result: ok, paymentStatus: 'PROCESSING' },
      { type: 'CANCEL_ANSWERED', at: expiresAt + 2, result: failed('ORDER_NOT_EXIST') },
    ])
    expect(stateOf(snapshot)).toBe('expired')
    expect(published(commands)).toEqual(['expired'])
  })

  it('holds the closing inquiry while the pay is outstanding: its answer sends it, or settles the payment', () => {
    const expiring = applyEvents(startPayment(cardInput()).snapshot, [
      { type: 'SUBMIT', at: T0 },
      { type: 'TIMER_FIRED', at: expiresAt, timer: 'paymentExpiry' },
      { type: 'CUSTOMER_RETURNED', at: expiresAt + 1 },
    ])
    expect(stateOf(expiring.snapshot)).toBe('expiring')
    expect(gatewayCalls(expiring.commands)).toEqual(['pay'])
    const inProcessLate = applyEvent(expiring.snapshot, {
      type: 'PAY_ANSWERED',
      at: expiresAt + 2,
      result: inProcess,
      paymentId: 'P1',
      nextAction: { kind: 'otp' },
    })
    expect(stateOf(inProcessLate.snapshot)).toBe('expiring')
    expect(gatewayCalls(inProcessLate.commands)).toEqual(['inquiryPayment'])
    const closing = applyEvent(inProcessLate.snapshot, {
      type: 'INQUIRY_ANSWERED',
      at: expiresAt + 3,
      result: ok,
      paymentStatus: 'PROCESSING',
    })
    expect(stateOf(closing.snapshot)).toBe('cancelling')
    expect(gatewayCalls(closing.commands)).toEqual(['cancel'])
    const paidLate = applyEvent(expiring.snapshot, {
      type: 'PAY_ANSWERED',
      at: expiresAt + 2,
      result: ok,
      paymentId: 'P1',
      amount: usd(10_000),
    })
    expect(stateOf(paidLate.snapshot)).toBe('authorized')
    const declinedLate = applyEvent(expiring.snapshot, {
      type: 'PAY_ANSWERED',
      at: expiresAt + 2,
      result: failed('DO_NOT_HONOR'),
    })
    expect(stateOf(declinedLate.snapshot)).toBe('failed')
  })

  it('asks again, backing off, when the closing inquiry answers U, even when expiring came from submitting', () => {
    const expiring = expiredWhilePayUnanswered()
    expect(gatewayCalls(expiring.commands)).toEqual(['pay', 'inquiryPayment'])
    const unknownAnswer = applyEvent(expiring.snapshot, {
      type: 'INQUIRY_ANSWERED',
      at: expiresAt + 2,
      result: unknown('UNKNOWN_EXCEPTION'),
    })
    expect(stateOf(unknownAnswer.snapshot)).toBe('expiring')
    expect(scheduled(unknownAnswer.commands)).toEqual([{ timer: 'reconcile', dueAt: expiresAt + 2 + 120_000 }])
    const again = applyEvent(unknownAnswer.snapshot, {
      type: 'TIMER_FIRED',
      at: expiresAt + 120_002,
      timer: 'reconcile',
    })
    expect(gatewayCalls(again.commands)).toEqual(['inquiryPayment'])
    const closed = applyEvent(again.snapshot, {
      type: 'INQUIRY_ANSWERED',
      at: expiresAt + 120_003,
      result: ok,
      paymentStatus: 'FAIL',
    })
    expect(stateOf(closed.snapshot)).toBe('expired')
  })

  it('sends the gateway only the merchant’s own expiry, never its computed default', () => {
    const own = applyEvent(startPayment(walletInput({ paymentExpiresAt: T0 + 5 * 60_000 })).snapshot, {
      type: 'SUBMIT',
      at: T0,
    })
    expect(own.commands[0]).toMatchObject({ kind: 'pay', paymentExpiresAt: T0 + 5 * 60_000 })
    const defaulted = applyEvent(startPayment(walletInput()).snapshot, { type: 'SUBMIT', at: T0 })
    expect(defaulted.commands[0]).not.toHaveProperty('paymentExpiresAt')
  })

  it('uses 48 hours for bank transfer and the merchant’s own expiry when given', () => {
    const bank = applyEvent(startPayment(walletInput({ paymentMethodType: 'BANKTRANSFER_BNI' })).snapshot, {
      type: 'SUBMIT',
      at: T0,
    })
    expect(bank.snapshot.context.times.expiresAt).toBe(T0 + 48 * 3_600_000)
    const own = applyEvent(startPayment(walletInput({ paymentExpiresAt: T0 + 5 * 60_000 })).snapshot, {
      type: 'SUBMIT',
      at: T0,
    })
    expect(own.snapshot.context.times.expiresAt).toBe(T0 + 5 * 60_000)
  })
})

describe('cancel', () => {
  it('cancels a draft without calling the gateway', () => {
    const { snapshot, commands } = applyEvent(startPayment(cardInput()).snapshot, { type: 'CANCEL', at: T0 })
    expect(stateOf(snapshot)).toBe('cancelled')
    expect(gatewayCalls(commands)).toEqual([])
  })

  it('goes back to reconciling when the gateway refuses the cancel, to learn what really happened', () => {
    const { snapshot } = applyEvents(startPayment(cardInput()).snapshot, [
      { type: 'SUBMIT', at: T0 },
      { type: 'CANCEL', at: T0 + 1 },
      { type: 'CANCEL_ANSWERED', at: T0 + 2, result: failed('ORDER_STATUS_INVALID') },
    ])
    expect(stateOf(snapshot)).toBe('reconciling')
  })

  it('tells the merchant the gateway refused the cancel, with its code, before it learns what happened', () => {
    const { commands } = applyEvents(startPayment(cardInput()).snapshot, [
      { type: 'SUBMIT', at: T0 },
      { type: 'GATEWAY_UNANSWERED', at: T0 + 1, operation: 'pay', reason: 'timeout' },
      { type: 'CANCEL', at: T0 + 2 },
      { type: 'CANCEL_ANSWERED', at: T0 + 3, result: failed('ORDER_STATUS_INVALID') },
    ])
    expect(commands.filter((c) => c.kind === 'publish').at(-1)).toEqual({
      kind: 'publish',
      event: { type: 'cancelFailed', reason: 'merchant', code: 'ORDER_STATUS_INVALID' },
    })
  })

  it('holds a cancel asked while the pay is outstanding until the pay is answered, so it cannot overtake it', () => {
    const held = applyEvents(startPayment(cardInput()).snapshot, [
      { type: 'SUBMIT', at: T0 },
      { type: 'CANCEL', at: T0 + 1 },
    ])
    expect(stateOf(held.snapshot)).toBe('cancelling')
    expect(gatewayCalls(held.commands)).toEqual(['pay'])
    const answered = applyEvent(held.snapshot, { type: 'PAY_ANSWERED', at: T0 + 2, result: ok, paymentId: 'P1' })
    expect(stateOf(answered.snapshot)).toBe('cancelling')
    expect(gatewayCalls(answered.commands)).toEqual(['cancel'])
    const declined = applyEvent(held.snapshot, { type: 'PAY_ANSWERED', at: T0 + 2, result: failed('DO_NOT_HONOR') })
    expect(stateOf(declined.snapshot)).toBe('failed')
    expect(gatewayCalls(declined.commands)).toEqual([])
    const lost = applyEvent(held.snapshot, {
      type: 'GATEWAY_UNANSWERED',
      at: T0 + 2,
      operation: 'pay',
      reason: 'timeout',
    })
    expect(gatewayCalls(lost.commands)).toEqual(['cancel'])
  })

  it('is cancelled when the gateway has no such payment, and never sends the pay again after a cancel', () => {
    const lost = applyEvents(startPayment(cardInput()).snapshot, [
      { type: 'SUBMIT', at: T0 },
      { type: 'GATEWAY_UNANSWERED', at: T0 + 1, operation: 'pay', reason: 'network' },
      { type: 'CANCEL', at: T0 + 2 },
    ])
    const gone = applyEvent(lost.snapshot, { type: 'CANCEL_ANSWERED', at: T0 + 3, result: failed('ORDER_NOT_EXIST') })
    expect(stateOf(gone.snapshot)).toBe('cancelled')
    expect(published(gone.commands)).toEqual(['cancelled'])
    const refused = applyEvents(lost.snapshot, [
      { type: 'CANCEL_ANSWERED', at: T0 + 3, result: failed('ORDER_STATUS_INVALID') },
      { type: 'INQUIRY_ANSWERED', at: T0 + 4, result: failed('ORDER_NOT_EXIST') },
    ])
    expect(stateOf(refused.snapshot)).toBe('reconciling')
    expect(gatewayCalls(refused.commands)).toEqual([])
  })
})
