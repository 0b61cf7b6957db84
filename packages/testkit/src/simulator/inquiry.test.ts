import { describe, expect, it } from 'vitest'
import { codeOf, DECLINE_VISA, payBody, setup, THREE_DS_VISA } from './simulator.fixtures.js'

describe('inquiryPayment', () => {
  it('reports a captured card payment with its CAPTURE transaction, by paymentRequestId or paymentId', () => {
    const { sim } = setup()
    sim.request('pay', payBody())
    const byRequest = sim.request('inquiryPayment', { paymentRequestId: 'PAY-1' })
    expect(codeOf(byRequest)).toBe('S SUCCESS')
    expect(byRequest).toMatchObject({
      paymentStatus: 'SUCCESS',
      paymentResultCode: 'SUCCESS',
      paymentAmount: { currency: 'USD', value: '1099' },
      paymentMethodType: 'CARD',
      paymentResultInfo: { cardBrand: 'VISA', lastFour: '0768' },
      transactions: [
        {
          transactionType: 'CAPTURE',
          transactionStatus: 'SUCCESS',
          transactionAmount: { currency: 'USD', value: '1099' },
          transactionId: 'SIMCAP000001',
        },
      ],
    })
    expect(sim.request('inquiryPayment', { paymentId: 'SIMPAY000001' })).toEqual(byRequest)
    expect(sim.request('inquiryPayment', { paymentId: 'SIMPAY000001', paymentRequestId: 'PAY-1' })).toEqual(byRequest)
  })

  it('reports SUCCESS without transactions for an authorization, PROCESSING, FAIL and CANCELLED', () => {
    const { sim } = setup()
    sim.request('pay', payBody({ paymentRequestId: 'A', captureMode: 'MANUAL' }))
    sim.request('pay', payBody({ paymentRequestId: 'P', cardNo: THREE_DS_VISA }))
    sim.request('pay', payBody({ paymentRequestId: 'F', cardNo: DECLINE_VISA }))
    sim.request('pay', payBody({ paymentRequestId: 'C', method: 'GCASH' }))
    sim.request('cancel', { paymentRequestId: 'C' })
    const status = (id: string) => sim.request('inquiryPayment', { paymentRequestId: id })
    expect(status('A')).toMatchObject({ paymentStatus: 'SUCCESS', transactions: [] })
    expect(status('P')).toMatchObject({ paymentStatus: 'PROCESSING', paymentResultCode: 'PAYMENT_IN_PROCESS' })
    expect(status('F')).toMatchObject({ paymentStatus: 'FAIL', paymentResultCode: 'DO_NOT_HONOR' })
    expect(status('C')).toMatchObject({ paymentStatus: 'CANCELLED', paymentResultCode: 'ORDER_IS_CANCELED' })
  })

  it('answers ORDER_NOT_EXIST for an unknown or mismatched payment and PARAM_ILLEGAL without ids', () => {
    const { sim } = setup()
    sim.request('pay', payBody())
    sim.request('pay', payBody({ paymentRequestId: 'PAY-2' }))
    expect(codeOf(sim.request('inquiryPayment', { paymentRequestId: 'nope' }))).toBe('F ORDER_NOT_EXIST')
    expect(codeOf(sim.request('inquiryPayment', { paymentRequestId: 'PAY-2', paymentId: 'SIMPAY000001' }))).toBe(
      'F ORDER_NOT_EXIST',
    )
    expect(codeOf(sim.request('inquiryPayment', {}))).toBe('F PARAM_ILLEGAL')
  })
})
