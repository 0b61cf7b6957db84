import { describe, expect, it } from 'vitest'
import { HOUR, isoTime, MINUTE } from './clock.js'
import { codeOf, drainNotifications, payBody, setup, T0, THREE_DS_VISA } from './simulator.fixtures.js'

describe('expiry', () => {
  it('closes a pending wallet payment at 14 minutes with a PAYMENT_RESULT F dated at the expiry', () => {
    const { sim, clock } = setup()
    sim.request('pay', payBody({ method: 'GCASH' }))
    clock.advance(14 * MINUTE - 1)
    expect(sim.request('inquiryPayment', { paymentRequestId: 'PAY-1' }).paymentStatus).toBe('PROCESSING')
    clock.advance(HOUR)
    expect(sim.request('inquiryPayment', { paymentRequestId: 'PAY-1' })).toMatchObject({
      paymentStatus: 'FAIL',
      paymentResultCode: 'ORDER_IS_CLOSED',
    })
    const notifications = sim.notifications()
    expect(notifications.map((n) => [n.notifyType, n.createdAt])).toEqual([['PAYMENT_RESULT', T0 + 14 * MINUTE]])
    expect(notifications[0]?.body.result).toMatchObject({ resultStatus: 'F', resultCode: 'ORDER_IS_CLOSED' })
    expect(sim.completeWallet('SIMPAY000001', 'pass')).toEqual({ ok: false, reason: 'expired' })
    expect(codeOf(sim.request('pay', payBody({ method: 'GCASH' })))).toBe('F ORDER_IS_CLOSED')
  })

  it('expires a 3DS payment, evaluated lazily by tick', () => {
    const { sim, clock } = setup()
    sim.request('pay', payBody({ cardNo: THREE_DS_VISA }))
    clock.advance(14 * MINUTE)
    sim.tick()
    expect(sim.notifications()).toHaveLength(1)
    expect(sim.completeChallenge('SIMPAY000001', 'pass')).toEqual({ ok: false, reason: 'expired' })
  })

  it('gives bank transfer 48 hours', () => {
    const { sim, clock } = setup()
    sim.request('pay', payBody({ method: 'BANKTRANSFER_PAYNOW' }))
    clock.advance(48 * HOUR - 1)
    expect(sim.payment('PAY-1')?.status).toBe('pending')
    clock.advance(1)
    expect(sim.payment('PAY-1')).toMatchObject({ status: 'failed', expired: true })
  })

  it('follows the request paymentExpiryTime and refuses one in the past or too far ahead', () => {
    const { sim, clock } = setup()
    sim.request('pay', payBody({ method: 'GCASH', paymentExpiryTime: isoTime(T0 + 5 * MINUTE) }))
    clock.advance(5 * MINUTE)
    expect(sim.payment('PAY-1')?.status).toBe('failed')
    const past = payBody({ paymentRequestId: 'PAY-2', method: 'GCASH', paymentExpiryTime: isoTime(T0) })
    expect(codeOf(sim.request('pay', past))).toBe('F PARAM_ILLEGAL')
    const far = payBody({ paymentRequestId: 'PAY-3', method: 'GCASH', paymentExpiryTime: isoTime(clock.now() + HOUR) })
    expect(codeOf(sim.request('pay', far))).toBe('F PARAM_ILLEGAL')
    const bank = payBody({
      paymentRequestId: 'PAY-4',
      method: 'BANK_TRANSFER',
      paymentExpiryTime: isoTime(clock.now() + 47 * HOUR),
    })
    expect(codeOf(sim.request('pay', bank))).toBe('U PAYMENT_IN_PROCESS')
  })

  it('answers a repeated pay as it first did, even after its paymentExpiryTime (idempotency comes first)', () => {
    const { sim, clock } = setup()
    const body = payBody({ captureMode: 'MANUAL', paymentExpiryTime: isoTime(T0 + 5 * MINUTE) })
    const first = sim.request('pay', body)
    expect(codeOf(first)).toBe('S SUCCESS')
    clock.advance(6 * MINUTE)
    expect(sim.request('pay', body)).toEqual(first)
    expect(sim.payment('PAY-1')?.calls.map((c) => [c.endpoint, c.replayed])).toEqual([
      ['pay', false],
      ['pay', true],
    ])
  })

  it('does not expire an authorized or captured payment', () => {
    const { sim, clock } = setup()
    sim.request('pay', payBody({ captureMode: 'MANUAL' }))
    sim.request('pay', payBody({ paymentRequestId: 'PAY-2' }))
    clock.advance(HOUR)
    expect(sim.payment('PAY-1')?.status).toBe('authorized')
    expect(sim.payment('PAY-2')?.status).toBe('captured')
  })

  it('captures automatically after autoCaptureDelayMs, with CAPTURE PROCESSING meanwhile', () => {
    const { sim, clock } = setup({ autoCaptureDelayMs: 5000 })
    sim.request('pay', payBody())
    expect(sim.payment('PAY-1')?.status).toBe('authorized')
    expect(drainNotifications(sim)).toEqual(['PAYMENT_RESULT'])
    expect(sim.request('inquiryPayment', { paymentRequestId: 'PAY-1' }).transactions).toMatchObject([
      { transactionType: 'CAPTURE', transactionStatus: 'PROCESSING' },
    ])
    expect(
      codeOf(
        sim.request('capture', {
          captureRequestId: 'C',
          paymentId: 'SIMPAY000001',
          captureAmount: { currency: 'USD', value: '1' },
        }),
      ),
    ).toBe('F ORDER_STATUS_INVALID')
    clock.advance(5000)
    expect(drainNotifications(sim)).toEqual(['CAPTURE_RESULT'])
    expect(sim.payment('PAY-1')?.capture).toMatchObject({ automatic: true, at: T0 + 5000 })
  })
})
