import { describe, expect, it } from 'vitest'
import {
  codeOf,
  DECLINE_MASTERCARD,
  DECLINE_VISA,
  drainNotifications,
  payBody,
  SUCCESS_MASTERCARD,
  SUCCESS_VISA,
  setup,
  str,
} from './simulator.fixtures.js'

describe('pay with a card', () => {
  it.each([SUCCESS_VISA, SUCCESS_MASTERCARD])(
    'authorizes %s and captures it automatically: PAYMENT_RESULT then CAPTURE_RESULT',
    (cardNo) => {
      const { sim } = setup()
      const body = sim.request('pay', payBody({ cardNo }))
      expect(codeOf(body)).toBe('S SUCCESS')
      expect(body).toMatchObject({
        paymentRequestId: 'PAY-1',
        paymentId: 'SIMPAY000001',
        paymentAmount: { currency: 'USD', value: '1099' },
        paymentCreateTime: '2026-01-01T00:00:00+00:00',
        paymentResultInfo: { lastFour: cardNo.slice(-4), cardNo: `************${cardNo.slice(-4)}` },
      })
      const view = sim.payment('PAY-1')
      expect(view).toMatchObject({ status: 'captured', paymentStatus: 'SUCCESS', captured: { minor: 1099 } })
      const deliveries = sim.dueNotifications()
      expect(deliveries.map((d) => [d.notifyType, d.endpoint, d.url])).toEqual([
        ['PAYMENT_RESULT', 'notifyPayment', 'https://merchant.test/notify'],
        ['CAPTURE_RESULT', 'notifyCapture', 'https://merchant.test/notify'],
      ])
      expect(deliveries[1]?.body).toMatchObject({
        notifyType: 'CAPTURE_RESULT',
        result: { resultStatus: 'S', resultCode: 'SUCCESS' },
        paymentId: 'SIMPAY000001',
        captureAmount: { currency: 'USD', value: '1099' },
      })
    },
  )

  it('treats captureMode AUTOMATIC like an absent one', () => {
    const { sim } = setup()
    sim.request('pay', payBody({ captureMode: 'AUTOMATIC' }))
    expect(sim.payment('PAY-1')?.status).toBe('captured')
  })

  it('leaves a MANUAL payment authorized, with only PAYMENT_RESULT queued', () => {
    const { sim } = setup()
    expect(codeOf(sim.request('pay', payBody({ captureMode: 'MANUAL' })))).toBe('S SUCCESS')
    expect(sim.payment('PAY-1')).toMatchObject({
      status: 'authorized',
      authorized: { currency: 'USD', minor: 1099 },
      captured: { minor: 0 },
    })
    expect(drainNotifications(sim)).toEqual(['PAYMENT_RESULT'])
  })

  it.each([DECLINE_VISA, DECLINE_MASTERCARD])('declines %s with F DO_NOT_HONOR and a PAYMENT_RESULT F', (cardNo) => {
    const { sim } = setup()
    const body = sim.request('pay', payBody({ cardNo }))
    expect(codeOf(body)).toBe('F DO_NOT_HONOR')
    expect(body.result.resultMessage).toBe('The payment is declined by the issuing bank.')
    expect(sim.payment('PAY-1')).toMatchObject({ status: 'failed', paymentStatus: 'FAIL', resultCode: 'DO_NOT_HONOR' })
    const [notification] = sim.dueNotifications()
    expect(notification?.body.result).toMatchObject({ resultStatus: 'F', resultCode: 'DO_NOT_HONOR' })
  })

  it('fails a card token (paymentMethodId) it never issued with INVALID_PAYMENT_METHOD_META_DATA', () => {
    const { sim } = setup()
    const body = payBody()
    body.paymentMethod = { paymentMethodType: 'CARD', paymentMethodId: 'TOKEN-1' }
    expect(codeOf(sim.request('pay', body))).toBe('F INVALID_PAYMENT_METHOD_META_DATA')
    expect(sim.payment('PAY-1')?.card).toBeUndefined()
  })
})

describe('pay validation', () => {
  const without = (field: string) => {
    const body = payBody()
    delete body[field]
    return body
  }

  it.each([
    'paymentRequestId',
    'paymentAmount',
    'paymentMethod',
    'env',
    'order',
    'settlementStrategy',
    'paymentRedirectUrl',
    'productCode',
  ])('answers F PARAM_ILLEGAL without %s and creates nothing', (field) => {
    const { sim } = setup()
    expect(codeOf(sim.request('pay', without(field)))).toBe('F PARAM_ILLEGAL')
    expect(sim.snapshot()).toMatchObject({ payments: {}, idempotency: {}, outbox: {} })
  })

  it.each([
    ['a decimal value', { value: '10.99' }],
    ['a leading zero', { value: '01099' }],
    ['zero', { value: '0' }],
    ['an unknown currency', { currency: 'XXY' }],
    ['a too long request id', { paymentRequestId: 'x'.repeat(65) }],
    ['a request id with a space', { paymentRequestId: 'PAY 1' }],
    ['a bad paymentExpiryTime', { paymentExpiryTime: 'tomorrow' }],
  ])('answers F PARAM_ILLEGAL for %s', (_, input) => {
    const { sim } = setup()
    const body = sim.request('pay', payBody(input))
    expect(codeOf(body)).toBe('F PARAM_ILLEGAL')
    expect(body.result.resultMessage.length).toBeGreaterThan(0)
  })

  it('answers F PARAM_ILLEGAL for a card without cardNo, a bad captureMode and a non-object body', () => {
    const { sim } = setup()
    const noCard = payBody()
    noCard.paymentMethod = { paymentMethodType: 'CARD' }
    expect(codeOf(sim.request('pay', noCard))).toBe('F PARAM_ILLEGAL')
    expect(codeOf(sim.request('pay', { ...payBody(), paymentFactor: { captureMode: 'LATER' } }))).toBe(
      'F PARAM_ILLEGAL',
    )
    expect(codeOf(sim.request('pay', 'not json'))).toBe('F PARAM_ILLEGAL')
    expect(codeOf(sim.request('pay', [1]))).toBe('F PARAM_ILLEGAL')
  })

  it('answers F NO_INTERFACE_DEF for an unknown endpoint and accepts live and sandbox paths', () => {
    const { sim } = setup()
    expect(codeOf(sim.request('refundAll', {}))).toBe('F NO_INTERFACE_DEF')
    expect(codeOf(sim.request('/ams/api/v1/payments/unknown', {}))).toBe('F NO_INTERFACE_DEF')
    expect(codeOf(sim.request('/ams/sandbox/api/v1/payments/pay', payBody()))).toBe('S SUCCESS')
    const again = sim.request('/ams/api/v1/payments/inquiryPayment', { paymentRequestId: 'PAY-1' })
    expect(str(again, 'paymentStatus')).toBe('SUCCESS')
    expect(sim.calls().map((call) => call.endpoint)).toEqual([
      'refundAll',
      '/ams/api/v1/payments/unknown',
      'pay',
      'inquiryPayment',
    ])
  })
})
