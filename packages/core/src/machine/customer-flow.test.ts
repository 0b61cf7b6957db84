import { describe, expect, it } from 'vitest'
import {
  failed,
  gatewayCalls,
  inProcess,
  ok,
  published,
  sessionInput,
  T0,
  usd,
  walletInput,
} from './machine.fixtures.js'
import { MAX_OTP_SUBMISSIONS } from './policy.js'
import { stateOf } from './state.js'
import { applyEvent, applyEvents, startPayment } from './transitions.js'

const awaitingOtp = () =>
  applyEvents(startPayment(walletInput()).snapshot, [
    { type: 'SUBMIT', at: T0 },
    { type: 'PAY_ANSWERED', at: T0 + 1, result: inProcess, paymentId: 'P1', nextAction: { kind: 'otp' } },
  ])

describe('wallet redirect', () => {
  it('is paid and ready to ship on a PAYMENT_RESULT success, with no separate capture', () => {
    const { snapshot, commands } = applyEvents(startPayment(walletInput()).snapshot, [
      { type: 'SUBMIT', at: T0 },
      {
        type: 'PAY_ANSWERED',
        at: T0 + 1,
        result: inProcess,
        nextAction: { kind: 'redirect', url: 'https://wallet/pay' },
      },
      {
        type: 'PAYMENT_NOTIFIED',
        at: T0 + 2,
        notifyType: 'PAYMENT_RESULT',
        result: ok,
        paymentId: 'P1',
        amount: usd(10_000),
      },
    ])
    expect(stateOf(snapshot)).toBe('captured')
    expect(published(commands)).toEqual(['customerActionRequired', 'succeeded', 'readyToShip'])
  })

  it.each(['GOOGLEPAY', 'PAYPAL', 'CARD'])(
    'is ready to ship for %s only once the capture result arrives, not on PAYMENT_RESULT',
    (paymentMethodType) => {
      const paid = applyEvents(startPayment(walletInput({ paymentMethodType })).snapshot, [
        { type: 'SUBMIT', at: T0 },
        { type: 'PAY_ANSWERED', at: T0 + 1, result: inProcess, nextAction: { kind: 'redirect', url: 'https://w' } },
        { type: 'PAYMENT_NOTIFIED', at: T0 + 2, notifyType: 'PAYMENT_RESULT', result: ok, paymentId: 'P1' },
      ])
      expect(stateOf(paid.snapshot)).toBe('capturing')
      expect(published(paid.commands)).toEqual(['customerActionRequired', 'succeeded'])
      const shipped = applyEvent(paid.snapshot, { type: 'CAPTURE_NOTIFIED', at: T0 + 3, result: ok })
      expect(stateOf(shipped.snapshot)).toBe('captured')
      expect(published(shipped.commands)).toEqual(['readyToShip'])
    },
  )

  it('keeps waiting on PAYMENT_PENDING and on an inquiry that says PROCESSING', () => {
    const { snapshot } = applyEvents(startPayment(walletInput()).snapshot, [
      { type: 'SUBMIT', at: T0 },
      {
        type: 'PAY_ANSWERED',
        at: T0 + 1,
        result: inProcess,
        nextAction: { kind: 'redirect', url: 'https://wallet/pay' },
      },
      { type: 'PAYMENT_NOTIFIED', at: T0 + 2, notifyType: 'PAYMENT_PENDING', result: inProcess },
      { type: 'CUSTOMER_RETURNED', at: T0 + 3 },
      { type: 'INQUIRY_ANSWERED', at: T0 + 4, result: ok, paymentStatus: 'PROCESSING' },
    ])
    expect(stateOf(snapshot)).toBe('awaitingCustomer')
  })

  it('fails on a PAYMENT_RESULT failure notification', () => {
    const { snapshot } = applyEvents(startPayment(walletInput()).snapshot, [
      { type: 'SUBMIT', at: T0 },
      {
        type: 'PAY_ANSWERED',
        at: T0 + 1,
        result: inProcess,
        nextAction: { kind: 'redirect', url: 'https://wallet/pay' },
      },
      { type: 'PAYMENT_NOTIFIED', at: T0 + 2, notifyType: 'PAYMENT_RESULT', result: failed('USER_BALANCE_NOT_ENOUGH') },
    ])
    expect(stateOf(snapshot)).toBe('failed')
    expect(snapshot.context.failure).toMatchObject({ code: 'USER_BALANCE_NOT_ENOUGH', source: 'notifyPayment' })
  })
})

describe('OTP verification', () => {
  it('verifies the code under the merchant’s verifyRequestId', () => {
    const { snapshot, commands } = applyEvent(awaitingOtp().snapshot, {
      type: 'OTP_SUBMITTED',
      at: T0 + 2,
      verifyRequestId: 'V1',
    })
    expect(stateOf(snapshot)).toBe('verifyingOtp')
    expect(commands).toContainEqual(
      expect.objectContaining({
        kind: 'verifyAndCompletePayment',
        paymentId: 'P1',
        verifyRequestId: 'V1',
        idempotencyKey: 'V1',
      }),
    )
  })

  it('asks for a new code after VERIFY_UNMATCHED', () => {
    const { snapshot, commands } = applyEvents(awaitingOtp().snapshot, [
      { type: 'OTP_SUBMITTED', at: T0 + 2, verifyRequestId: 'V1' },
      { type: 'VERIFY_ANSWERED', at: T0 + 3, verifyRequestId: 'V1', result: failed('VERIFY_UNMATCHED') },
    ])
    expect(stateOf(snapshot)).toBe('awaitingOtp')
    expect(commands.at(-1)).toEqual({
      kind: 'publish',
      event: { type: 'customerActionRequired', action: { kind: 'otp' }, retry: 'VERIFY_UNMATCHED' },
    })
  })

  it(`fails on the ${MAX_OTP_SUBMISSIONS}th wrong code, whatever the gateway's own limit`, () => {
    const wrong = (n: number) =>
      [
        { type: 'OTP_SUBMITTED', at: T0 + 2 * n, verifyRequestId: `V${n}` },
        { type: 'VERIFY_ANSWERED', at: T0 + 2 * n + 1, verifyRequestId: `V${n}`, result: failed('VERIFY_UNMATCHED') },
      ] as const
    const codes = Array.from({ length: MAX_OTP_SUBMISSIONS }, (_, i) => i + 1)
    const before = applyEvents(awaitingOtp().snapshot, codes.slice(0, -1).flatMap(wrong))
    expect(stateOf(before.snapshot)).toBe('awaitingOtp')
    const last = applyEvents(before.snapshot, wrong(MAX_OTP_SUBMISSIONS))
    expect(stateOf(last.snapshot)).toBe('failed')
    expect(last.snapshot.context.failure).toMatchObject({ code: 'VERIFY_UNMATCHED' })
  })

  it('fails on VERIFY_TIMES_EXCEED_LIMIT: the gateway closed the payment, a new code needs a new pay', () => {
    const { snapshot } = applyEvents(awaitingOtp().snapshot, [
      { type: 'OTP_SUBMITTED', at: T0 + 2, verifyRequestId: 'V1' },
      { type: 'VERIFY_ANSWERED', at: T0 + 3, verifyRequestId: 'V1', result: failed('VERIFY_TIMES_EXCEED_LIMIT') },
    ])
    expect(stateOf(snapshot)).toBe('failed')
    expect(snapshot.context.failure).toMatchObject({ code: 'VERIFY_TIMES_EXCEED_LIMIT' })
  })

  it('succeeds with the right code after a wrong one', () => {
    const { snapshot } = applyEvents(awaitingOtp().snapshot, [
      { type: 'OTP_SUBMITTED', at: T0 + 2, verifyRequestId: 'V1' },
      { type: 'VERIFY_ANSWERED', at: T0 + 3, verifyRequestId: 'V1', result: failed('VERIFY_UNMATCHED') },
      { type: 'OTP_SUBMITTED', at: T0 + 4, verifyRequestId: 'V2' },
      { type: 'VERIFY_ANSWERED', at: T0 + 5, verifyRequestId: 'V2', result: ok },
    ])
    expect(stateOf(snapshot)).toBe('captured')
    expect(snapshot.context.counts.otpAttempts).toBe(2)
  })

  it('fails on EXPIRED_CODE: the buyer must start the payment again', () => {
    const { snapshot } = applyEvents(awaitingOtp().snapshot, [
      { type: 'OTP_SUBMITTED', at: T0 + 2, verifyRequestId: 'V1' },
      { type: 'VERIFY_ANSWERED', at: T0 + 3, verifyRequestId: 'V1', result: failed('EXPIRED_CODE') },
    ])
    expect(stateOf(snapshot)).toBe('failed')
    expect(snapshot.context.failure).toMatchObject({ code: 'EXPIRED_CODE', source: 'verifyAndCompletePayment' })
  })

  // Found by the model: a verification whose answer was lost had paid; the next, refused for the order's status, failed
  // the payment the gateway had captured.
  it('asks the gateway on ORDER_STATUS_INVALID: an earlier verification may have paid, and the inquiry says so', () => {
    const refused = applyEvents(awaitingOtp().snapshot, [
      { type: 'OTP_SUBMITTED', at: T0 + 2, verifyRequestId: 'V1' },
      { type: 'VERIFY_ANSWERED', at: T0 + 3, verifyRequestId: 'V1', result: failed('ORDER_STATUS_INVALID') },
    ])
    expect(stateOf(refused.snapshot)).toBe('reconciling')
    expect(gatewayCalls(refused.commands)).toEqual(['verifyAndCompletePayment', 'inquiryPayment'])
    const paid = applyEvent(refused.snapshot, {
      type: 'INQUIRY_ANSWERED',
      at: T0 + 4,
      result: ok,
      paymentStatus: 'SUCCESS',
      paymentId: 'P1',
      amount: usd(10_000),
    })
    expect(stateOf(paid.snapshot)).toBe('captured')
    expect(published(paid.commands)).toContain('succeeded')
  })

  it('ignores a late answer to an earlier verification', () => {
    const { snapshot } = applyEvents(awaitingOtp().snapshot, [
      { type: 'OTP_SUBMITTED', at: T0 + 2, verifyRequestId: 'V1' },
      { type: 'VERIFY_ANSWERED', at: T0 + 3, verifyRequestId: 'V1', result: failed('VERIFY_UNMATCHED') },
      { type: 'OTP_SUBMITTED', at: T0 + 4, verifyRequestId: 'V2' },
      { type: 'VERIFY_ANSWERED', at: T0 + 5, verifyRequestId: 'V1', result: failed('VERIFY_UNMATCHED') },
    ])
    expect(stateOf(snapshot)).toBe('verifyingOtp')
    expect(snapshot.context.anomalies.at(-1)).toMatchObject({ event: 'VERIFY_ANSWERED', reason: 'ignored' })
  })

  it('reconciles an OTP request that names no paymentId: verification could not be addressed', () => {
    const { snapshot, commands } = applyEvents(startPayment(walletInput()).snapshot, [
      { type: 'SUBMIT', at: T0 },
      { type: 'PAY_ANSWERED', at: T0 + 1, result: inProcess, nextAction: { kind: 'otp' } },
    ])
    expect(stateOf(snapshot)).toBe('reconciling')
    expect(gatewayCalls(commands)).toEqual(['pay'])
  })

  /** A code submitted whose verification goes unanswered. */
  const lostVerification = [
    { type: 'OTP_SUBMITTED', at: T0 + 2, verifyRequestId: 'V1' },
    {
      type: 'GATEWAY_UNANSWERED',
      at: T0 + 3,
      operation: 'verifyAndCompletePayment',
      requestId: 'V1',
      reason: 'timeout',
    },
  ] as const

  it('reconciles when the verification goes unanswered', () => {
    const { snapshot } = applyEvents(awaitingOtp().snapshot, lostVerification)
    expect(stateOf(snapshot)).toBe('reconciling')
  })

  /** The same, and the first reconcile timer after it. */
  const unansweredVerify = () =>
    applyEvents(awaitingOtp().snapshot, [
      ...lostVerification,
      { type: 'TIMER_FIRED', at: T0 + 60_003, timer: 'reconcile' },
    ]).snapshot

  it('takes a code again once an inquiry shows the gateway still waits for it, and verifies it', () => {
    const { snapshot, commands } = applyEvents(unansweredVerify(), [
      { type: 'INQUIRY_ANSWERED', at: T0 + 60_004, result: ok, paymentStatus: 'PROCESSING', paymentId: 'P1' },
      { type: 'OTP_SUBMITTED', at: T0 + 60_005, verifyRequestId: 'V2' },
    ])
    expect(stateOf(snapshot)).toBe('verifyingOtp')
    expect(published(commands)).toContain('customerActionRequired')
    expect(commands).toContainEqual(
      expect.objectContaining({ kind: 'verifyAndCompletePayment', verifyRequestId: 'V2' }),
    )
  })

  it('an inquiry that shows the lost verification paid settles it; one that lies about the amount holds it', () => {
    const paid = applyEvent(unansweredVerify(), {
      type: 'INQUIRY_ANSWERED',
      at: T0 + 60_004,
      result: ok,
      paymentStatus: 'SUCCESS',
      paymentId: 'P1',
      amount: usd(10_000),
    })
    expect(stateOf(paid.snapshot)).toBe('captured')
    const lie = applyEvent(unansweredVerify(), {
      type: 'INQUIRY_ANSWERED',
      at: T0 + 60_004,
      result: ok,
      paymentStatus: 'PROCESSING',
      paymentId: 'P1',
      amount: usd(1),
    })
    expect(stateOf(lie.snapshot)).toBe('reconciling')
  })
})

describe('Checkout Page session', () => {
  const session = () =>
    applyEvents(startPayment(sessionInput()).snapshot, [
      { type: 'SUBMIT', at: T0 },
      { type: 'SESSION_ANSWERED', at: T0 + 1, result: ok, paymentSessionId: 'S1' },
    ])

  it('creates a session with a one-hour expiry and hands its id to the page', () => {
    const { snapshot, commands } = session()
    expect(gatewayCalls(commands)).toEqual(['createPaymentSession'])
    expect(snapshot.context.times.expiresAt).toBe(T0 + 3_600_000)
    expect(stateOf(snapshot)).toBe('awaitingCustomer')
    expect(commands).toContainEqual({
      kind: 'publish',
      event: { type: 'customerActionRequired', action: { kind: 'checkoutPage', paymentSessionId: 'S1' } },
    })
  })

  it('learns the method from the notification and waits for the capture when it is a card', () => {
    const { snapshot, commands } = applyEvents(session().snapshot, [
      {
        type: 'PAYMENT_NOTIFIED',
        at: T0 + 2,
        notifyType: 'PAYMENT_RESULT',
        result: ok,
        paymentMethodType: 'CARD',
        paymentId: 'P1',
      },
      { type: 'CAPTURE_NOTIFIED', at: T0 + 3, result: ok, amount: usd(10_000) },
    ])
    expect(snapshot.context.paymentMethodType).toBe('CARD')
    expect(stateOf(snapshot)).toBe('captured')
    expect(published(commands)).toEqual(['succeeded', 'readyToShip'])
  })

  const HOUR = 3_600_000
  /** The session's expiry fires while the gateway still processes the method the buyer picked. */
  const expiredWhileProcessing = (paymentMethodType: string) =>
    applyEvents(session().snapshot, [
      { type: 'TIMER_FIRED', at: T0 + HOUR, timer: 'paymentExpiry' },
      { type: 'INQUIRY_ANSWERED', at: T0 + HOUR + 1, result: ok, paymentStatus: 'PROCESSING', paymentMethodType },
    ])

  it.each([
    ['BANKTRANSFER_PAYNOW', 48 * HOUR],
    ['KONBINI', 7 * 24 * HOUR],
    ['CARD', 14 * 60_000],
  ])('keeps a %s the buyer picked open for its own timeout after the session expired', (method, timeout) => {
    const { snapshot, commands } = expiredWhileProcessing(method)
    expect(stateOf(snapshot)).toBe('awaitingCustomer')
    expect(snapshot.context.times.expiresAt).toBe(T0 + HOUR + timeout)
    expect(commands).toContainEqual({ kind: 'scheduleTimer', timer: 'paymentExpiry', dueAt: T0 + HOUR + timeout })
    expect(gatewayCalls(commands)).not.toContain('cancel')
  })

  it('cancels at the gateway once the method timeout has passed too, or when no method was picked', () => {
    const late = applyEvents(expiredWhileProcessing('BANKTRANSFER_PAYNOW').snapshot, [
      { type: 'TIMER_FIRED', at: T0 + 49 * HOUR, timer: 'paymentExpiry' },
      {
        type: 'INQUIRY_ANSWERED',
        at: T0 + 49 * HOUR + 1,
        result: ok,
        paymentStatus: 'PROCESSING',
        paymentMethodType: 'BANKTRANSFER_PAYNOW',
      },
    ])
    expect(stateOf(late.snapshot)).toBe('cancelling')
    const unpicked = applyEvents(session().snapshot, [
      { type: 'TIMER_FIRED', at: T0 + HOUR, timer: 'paymentExpiry' },
      { type: 'INQUIRY_ANSWERED', at: T0 + HOUR + 1, result: ok, paymentStatus: 'PROCESSING' },
    ])
    expect(stateOf(unpicked.snapshot)).toBe('cancelling')
  })

  it('fails for a new paymentRequestId when the session call is unanswered or unknown', () => {
    const start = startPayment(sessionInput()).snapshot
    const lost = applyEvents(start, [
      { type: 'SUBMIT', at: T0 },
      { type: 'GATEWAY_UNANSWERED', at: T0 + 1, operation: 'createPaymentSession', reason: 'timeout' },
    ])
    expect(lost.snapshot.context.failure).toMatchObject({ code: 'NO_RESPONSE', category: 'retryNewRequest' })
    const unsure = applyEvents(start, [
      { type: 'SUBMIT', at: T0 },
      { type: 'SESSION_ANSWERED', at: T0 + 1, result: { resultStatus: 'U', resultCode: 'UNKNOWN_EXCEPTION' } },
    ])
    expect(stateOf(unsure.snapshot)).toBe('failed')
  })
})
