import { unsafeMoney } from '@paychart/core/money'
import { describe, expect, it } from 'vitest'
import { codeOf, payBody, setup, T0 } from './simulator.fixtures.js'

const apiRefund = (refundRequestId: string, value: string) => ({
  refundRequestId,
  paymentId: 'SIMPAY000001',
  refundAmount: { currency: 'USD', value },
})

describe('refundExternally: a refund made in the dashboard', () => {
  it('is recorded as an API refund is: views, inquiryRefund, inquiryPayment, REFUND_RESULT; no call', () => {
    const { sim, clock } = setup()
    sim.request('pay', payBody({ value: '1000' }))
    sim.dueNotifications()
    clock.advance(60_000)
    const calls = sim.calls().length
    expect(sim.refundExternally('PAY-1', unsafeMoney('USD', 300))).toEqual({
      ok: true,
      refundRequestId: 'DASHBOARD-1',
      refundId: 'SIMREF000001',
    })
    expect(sim.calls()).toHaveLength(calls)
    expect(sim.payment('PAY-1')).toMatchObject({
      refunded: { currency: 'USD', minor: 300 },
      refundable: { currency: 'USD', minor: 700 },
      refunds: [{ refundRequestId: 'DASHBOARD-1', refundId: 'SIMREF000001', amount: { minor: 300 } }],
    })
    expect(sim.externalRefunds()).toEqual([
      {
        refundRequestId: 'DASHBOARD-1',
        refundId: 'SIMREF000001',
        paymentRequestId: 'PAY-1',
        amount: { currency: 'USD', minor: 300 },
        at: T0 + 60_000,
      },
    ])
    expect(sim.dueNotifications()).toMatchObject([
      {
        notifyType: 'REFUND_RESULT',
        url: 'https://merchant.test/notify',
        paymentRequestId: 'PAY-1',
        body: {
          refundRequestId: 'DASHBOARD-1',
          refundAmount: { currency: 'USD', value: '300' },
          refundStatus: 'SUCCESS',
        },
      },
    ])
    expect(sim.request('inquiryRefund', { refundRequestId: 'DASHBOARD-1' })).toMatchObject({
      result: { resultStatus: 'S' },
      refundId: 'SIMREF000001',
      refundAmount: { value: '300' },
      refundStatus: 'SUCCESS',
    })
    expect(sim.request('inquiryPayment', { paymentRequestId: 'PAY-1' })).toMatchObject({
      transactions: [
        { transactionType: 'CAPTURE' },
        { transactionType: 'REFUND', transactionRequestId: 'DASHBOARD-1', transactionAmount: { value: '300' } },
      ],
    })
  })

  it('shares the refundable amount with API refunds, both ways', () => {
    const { sim } = setup()
    sim.request('pay', payBody({ value: '1000' }))
    expect(codeOf(sim.request('refund', apiRefund('R-1', '600')))).toBe('S SUCCESS')
    expect(sim.refundExternally('PAY-1', unsafeMoney('USD', 401))).toEqual({ ok: false, reason: 'exceedsRefundable' })
    expect(sim.refundExternally('PAY-1', unsafeMoney('USD', 400))).toMatchObject({ ok: true })
    expect(codeOf(sim.request('refund', apiRefund('R-2', '1')))).toBe('F REFUND_AMOUNT_EXCEED')
    expect(sim.payment('PAY-1')).toMatchObject({ refunded: { minor: 1000 }, refundable: { minor: 0 } })
  })

  it('refuses an unknown payment, one not captured, another currency', () => {
    const { sim } = setup()
    expect(sim.refundExternally('nope', unsafeMoney('USD', 1))).toEqual({ ok: false, reason: 'notFound' })
    sim.request('pay', payBody({ captureMode: 'MANUAL' }))
    expect(sim.refundExternally('PAY-1', unsafeMoney('USD', 1))).toEqual({ ok: false, reason: 'notCaptured' })
    sim.request('capture', {
      captureRequestId: 'C-1',
      paymentId: 'SIMPAY000001',
      captureAmount: { currency: 'USD', value: '500' },
    })
    expect(sim.refundExternally('PAY-1', unsafeMoney('EUR', 1))).toEqual({ ok: false, reason: 'currency' })
    expect(sim.refundExternally('PAY-1', unsafeMoney('USD', 501))).toEqual({ ok: false, reason: 'exceedsRefundable' })
    expect(sim.externalRefunds()).toEqual([])
    expect(sim.notifications().filter((n) => n.notifyType === 'REFUND_RESULT')).toEqual([])
  })

  it('gives each dashboard refund its own request id, never one the merchant used', () => {
    const { sim } = setup()
    sim.request('pay', payBody({ value: '1000' }))
    sim.request('refund', apiRefund('DASHBOARD-2', '100'))
    const ids = [1, 2, 3].map(() => {
      const outcome = sim.refundExternally('PAY-1', unsafeMoney('USD', 10))
      return outcome.ok ? outcome.refundRequestId : outcome.reason
    })
    expect(ids).toEqual(['DASHBOARD-1', 'DASHBOARD-3', 'DASHBOARD-4'])
    expect(sim.payment('PAY-1')?.refunded.minor).toBe(130)
  })

  it('refuses an amount that is not one, naming the field', () => {
    const { sim } = setup()
    sim.request('pay', payBody())
    expect(() => sim.refundExternally('PAY-1', { currency: 'USD', minor: 0 })).toThrow(/amount\.minor/)
    expect(() => sim.refundExternally('PAY-1', { currency: 'USD', minor: 1.5 })).toThrow(/amount\.minor/)
    expect(() => sim.refundExternally('PAY-1', { currency: 'XXX' as 'USD', minor: 1 })).toThrow(/amount\.currency/)
  })
})
