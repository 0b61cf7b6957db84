import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { codeOf, payBody, setup, str } from './simulator.fixtures.js'

const refundBody = (refundRequestId: string, value: string, currency = 'USD', paymentId = 'SIMPAY000001') => ({
  refundRequestId,
  paymentId,
  refundAmount: { currency, value },
})

describe('refund', () => {
  it('refunds in parts up to the captured amount, and refuses one more minor unit', () => {
    const { sim } = setup()
    sim.request('pay', payBody({ value: '1000' }))
    expect(codeOf(sim.request('refund', refundBody('R-1', '300')))).toBe('S SUCCESS')
    expect(codeOf(sim.request('refund', refundBody('R-2', '700')))).toBe('S SUCCESS')
    const over = sim.request('refund', refundBody('R-3', '1'))
    expect(codeOf(over)).toBe('F REFUND_AMOUNT_EXCEED')
    expect(sim.payment('PAY-1')).toMatchObject({ refunded: { minor: 1000 }, refundable: { minor: 0 } })
  })

  it('refuses a single refund above the captured amount', () => {
    const { sim } = setup()
    sim.request('pay', payBody({ value: '1000' }))
    expect(codeOf(sim.request('refund', refundBody('R-1', '1001')))).toBe('F REFUND_AMOUNT_EXCEED')
    expect(sim.payment('PAY-1')?.refunded.minor).toBe(0)
  })

  it('limits refunds to a partial capture', () => {
    const { sim } = setup()
    sim.request('pay', payBody({ value: '1000', captureMode: 'MANUAL' }))
    expect(codeOf(sim.request('refund', refundBody('R-0', '1')))).toBe('F ORDER_STATUS_INVALID')
    sim.request('capture', {
      captureRequestId: 'C-1',
      paymentId: 'SIMPAY000001',
      captureAmount: { currency: 'USD', value: '600' },
    })
    expect(codeOf(sim.request('refund', refundBody('R-1', '601')))).toBe('F REFUND_AMOUNT_EXCEED')
    expect(codeOf(sim.request('refund', refundBody('R-2', '600')))).toBe('S SUCCESS')
  })

  it('answers with the refund, queues REFUND_RESULT, and inquiryRefund reports it', () => {
    const { sim } = setup()
    sim.request('pay', payBody({ value: '1000' }))
    sim.dueNotifications()
    const body = sim.request('refund', {
      ...refundBody('R-1', '250'),
      refundNotifyUrl: 'https://merchant.test/refunds',
    })
    expect(body).toMatchObject({ refundRequestId: 'R-1', refundId: 'SIMREF000001', refundAmount: { value: '250' } })
    const [notification] = sim.dueNotifications()
    expect(notification).toMatchObject({
      notifyType: 'REFUND_RESULT',
      endpoint: 'notifyRefund',
      url: 'https://merchant.test/refunds',
      paymentRequestId: 'PAY-1',
      body: {
        refundId: 'SIMREF000001',
        refundAmount: { currency: 'USD', value: '250' },
        result: { resultStatus: 'S' },
      },
    })
    const byRequest = sim.request('inquiryRefund', { refundRequestId: 'R-1' })
    expect(byRequest).toMatchObject({
      refundStatus: 'SUCCESS',
      refundId: 'SIMREF000001',
      refundAmount: { value: '250' },
    })
    expect(sim.request('inquiryRefund', { refundId: str(body, 'refundId') })).toEqual(byRequest)
    expect(codeOf(sim.request('inquiryRefund', { refundRequestId: 'nope' }))).toBe('F ORDER_NOT_EXIST')
    expect(codeOf(sim.request('inquiryRefund', {}))).toBe('F PARAM_ILLEGAL')
    expect(sim.payment('PAY-1')?.refunds).toHaveLength(1)
  })

  it('replays a refundRequestId without refunding twice and rejects it with another amount', () => {
    const { sim } = setup()
    sim.request('pay', payBody({ value: '1000' }))
    const first = sim.request('refund', refundBody('R-1', '400'))
    expect(sim.request('refund', refundBody('R-1', '400'))).toEqual(first)
    expect(codeOf(sim.request('refund', refundBody('R-1', '401')))).toBe('F REPEAT_REQ_INCONSISTENT')
    expect(codeOf(sim.request('refund', refundBody('R-1', '400', 'EUR')))).toBe('F REPEAT_REQ_INCONSISTENT')
    expect(sim.payment('PAY-1')?.refunded.minor).toBe(400)
  })

  it('refuses unknown, uncaptured, other-currency refunds', () => {
    const { sim } = setup()
    sim.request('pay', payBody({ method: 'GCASH' }))
    expect(codeOf(sim.request('refund', refundBody('R-1', '1')))).toBe('F ORDER_STATUS_INVALID')
    sim.completeWallet('SIMPAY000001', 'pass')
    expect(codeOf(sim.request('refund', refundBody('R-2', '1', 'EUR')))).toBe('F PARAM_ILLEGAL')
    expect(codeOf(sim.request('refund', refundBody('R-3', '1', 'USD', 'nope')))).toBe('F ORDER_NOT_EXIST')
    expect(codeOf(sim.request('refund', refundBody('R-4', '1099')))).toBe('S SUCCESS')
  })

  it('accepts a refund exactly when the running total stays within the captured amount (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.array(fc.integer({ min: 1, max: 3000 }), { maxLength: 8 }),
        (paid, asks) => {
          const { sim } = setup()
          sim.request('pay', payBody({ value: String(paid) }))
          let total = 0
          asks.forEach((ask, i) => {
            const body = sim.request('refund', refundBody(`R-${i}`, String(ask)))
            const fits = total + ask <= paid
            expect(codeOf(body)).toBe(fits ? 'S SUCCESS' : 'F REFUND_AMOUNT_EXCEED')
            if (fits) total += ask
          })
          expect(sim.payment('PAY-1')?.refunded.minor).toBe(total)
        },
      ),
      { numRuns: 100 },
    )
  })
})
