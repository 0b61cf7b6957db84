import { describe, expect, it } from 'vitest'
import { HOUR, MINUTE } from './clock.js'
import {
  codeOf,
  DECLINE_VISA,
  drainNotifications,
  payBody,
  SUCCESS_VISA,
  sessionBody,
  setup,
  str,
} from './simulator.fixtures.js'

describe('Checkout Page', () => {
  it('creates a session: id, data, expiry in an hour and the checkout page', () => {
    const { sim } = setup()
    const body = sim.request('createPaymentSession', sessionBody())
    expect(codeOf(body)).toBe('S SUCCESS')
    expect(body).toMatchObject({
      paymentSessionId: 'SIMSES000001',
      paymentSessionExpiryTime: '2026-01-01T01:00:00+00:00',
      normalUrl: 'https://sim.test/sim/checkout/SIMSES000001',
    })
    expect(str(body, 'paymentSessionData')).toContain('SIMSES000001')
    expect(sim.session('SIMSES000001')).toMatchObject({ status: 'open', paymentRequestId: 'SES-1' })
  })

  it('closes the session at the paymentSessionExpiryTime the merchant asked for, and refuses one in the past', () => {
    const { sim, clock } = setup()
    const at = new Date(clock.now() + 5 * MINUTE).toISOString()
    const body = sim.request('createPaymentSession', { ...sessionBody(), paymentSessionExpiryTime: at })
    expect(body.paymentSessionExpiryTime).toBe(at.replace(/\.\d+Z$/, '+00:00'))
    clock.advance(5 * MINUTE)
    sim.tick()
    expect(sim.completeCheckout(str(body, 'paymentSessionId'), { method: 'CARD', card: SUCCESS_VISA })).toEqual({
      ok: false,
      reason: 'expired',
    })
    const past = new Date(clock.now() - MINUTE).toISOString()
    const refused = sim.request('createPaymentSession', {
      ...sessionBody({ paymentRequestId: 'SES-PAST' }),
      paymentSessionExpiryTime: past,
    })
    expect(codeOf(refused)).toBe('F PARAM_ILLEGAL')
  })

  it('answers ORDER_NOT_EXIST to an inquiry before the buyer submits', () => {
    const { sim } = setup()
    sim.request('createPaymentSession', sessionBody())
    expect(codeOf(sim.request('inquiryPayment', { paymentRequestId: 'SES-1' }))).toBe('F ORDER_NOT_EXIST')
  })

  it('pays by card: PAYMENT_RESULT then CAPTURE_RESULT, inquiry SUCCESS', () => {
    const { sim } = setup()
    sim.request('createPaymentSession', sessionBody())
    const done = sim.completeCheckout('SIMSES000001', { method: 'CARD', card: SUCCESS_VISA })
    expect(done).toMatchObject({ ok: true, payment: { status: 'captured', card: { brand: 'VISA', last4: '0768' } } })
    expect(drainNotifications(sim)).toEqual(['PAYMENT_RESULT', 'CAPTURE_RESULT'])
    const inquiry = sim.request('inquiryPayment', { paymentRequestId: 'SES-1' })
    expect(inquiry).toMatchObject({ paymentStatus: 'SUCCESS', paymentMethodType: 'CARD', paymentId: 'SIMPAY000001' })
    expect(sim.session('SIMSES000001')).toMatchObject({ status: 'submitted', paymentId: 'SIMPAY000001' })
  })

  it.each(['GOOGLEPAY', 'PAYPAL'])('captures %s separately too', (method) => {
    const { sim } = setup()
    sim.request('createPaymentSession', sessionBody())
    sim.completeCheckout('SIMSES000001', { method })
    expect(drainNotifications(sim)).toEqual(['PAYMENT_RESULT', 'CAPTURE_RESULT'])
  })

  it('pays a wallet with PAYMENT_RESULT only, and honours MANUAL for cards', () => {
    const { sim } = setup()
    sim.request('createPaymentSession', sessionBody())
    sim.completeCheckout('SIMSES000001', { method: 'ALIPAY_CN' })
    expect(drainNotifications(sim)).toEqual(['PAYMENT_RESULT'])
    sim.request('createPaymentSession', sessionBody({ paymentRequestId: 'SES-2', captureMode: 'MANUAL' }))
    sim.completeCheckout('SIMSES000002', { method: 'CARD', card: SUCCESS_VISA })
    expect(sim.payment('SES-2')?.status).toBe('authorized')
  })

  it('fails with a decline card or on fail', () => {
    const { sim } = setup()
    sim.request('createPaymentSession', sessionBody())
    sim.completeCheckout('SIMSES000001', { method: 'CARD', card: DECLINE_VISA })
    expect(sim.payment('SES-1')).toMatchObject({ status: 'failed', resultCode: 'DO_NOT_HONOR' })
    sim.request('createPaymentSession', sessionBody({ paymentRequestId: 'SES-2' }))
    sim.completeCheckout('SIMSES000002', { method: 'GCASH', outcome: 'fail' })
    expect(sim.payment('SES-2')).toMatchObject({ status: 'failed', resultCode: 'USER_PAYMENT_VERIFICATION_FAILED' })
    expect(sim.completeCheckout('SIMSES000002', { method: 'GCASH' })).toEqual({ ok: false, reason: 'notAwaiting' })
  })

  it('closes an unsubmitted session after an hour, without a notification (the spec)', () => {
    const { sim, clock } = setup()
    sim.request('createPaymentSession', sessionBody())
    clock.advance(HOUR - 1)
    expect(sim.session('SIMSES000001')?.status).toBe('open')
    clock.advance(1)
    expect(sim.session('SIMSES000001')?.status).toBe('expired')
    expect(sim.completeCheckout('SIMSES000001', { method: 'CARD' })).toEqual({ ok: false, reason: 'expired' })
    expect(sim.dueNotifications()).toEqual([])
    expect(codeOf(sim.request('createPaymentSession', sessionBody()))).toBe('F ORDER_IS_CLOSED')
  })

  it('expires a submitted but unpaid payment 14 minutes later with a PAYMENT_RESULT F', () => {
    const { sim, clock } = setup()
    sim.request('createPaymentSession', sessionBody())
    clock.advance(50 * MINUTE)
    sim.completeCheckout('SIMSES000001', { method: 'GCASH', outcome: 'pending' })
    clock.advance(14 * MINUTE)
    expect(sim.payment('SES-1')).toMatchObject({ status: 'failed', expired: true, resultCode: 'ORDER_IS_CLOSED' })
    const [notification] = sim.dueNotifications()
    expect(notification?.body).toMatchObject({ notifyType: 'PAYMENT_RESULT', result: { resultStatus: 'F' } })
  })

  it('replays a session and refuses its paymentRequestId for pay or another amount', () => {
    const { sim } = setup()
    const first = sim.request('createPaymentSession', sessionBody())
    expect(sim.request('createPaymentSession', sessionBody())).toEqual(first)
    expect(sim.session('SIMSES000002')).toBeUndefined()
    expect(codeOf(sim.request('createPaymentSession', sessionBody({ value: '6001' })))).toBe(
      'F REPEAT_REQ_INCONSISTENT',
    )
    const pay = payBody({ paymentRequestId: 'SES-1', currency: 'SGD', value: '6000' })
    expect(codeOf(sim.request('pay', pay))).toBe('F REPEAT_REQ_INCONSISTENT')
  })

  it('cancels an unsubmitted session', () => {
    const { sim } = setup()
    sim.request('createPaymentSession', sessionBody())
    expect(codeOf(sim.request('cancel', { paymentRequestId: 'SES-1' }))).toBe('S SUCCESS')
    expect(sim.completeCheckout('SIMSES000001', { method: 'CARD' })).toEqual({ ok: false, reason: 'closed' })
    expect(codeOf(sim.request('createPaymentSession', sessionBody()))).toBe('F ORDER_IS_CANCELED')
  })
})
