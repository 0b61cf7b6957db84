import { CURRENCY_CODES, exponentOf } from '@paychart/core/money'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { codeOf, payBody, setup } from './simulator.fixtures.js'
import { otherCurrency, otherId, otherMinor, tamperBody } from './tamper.js'

describe('what a lie tells', () => {
  it('another amount: a 24th, at least 1, never the amount itself (property)', () => {
    expect([otherMinor(2400), otherMinor(1099), otherMinor(10), otherMinor(1)]).toEqual([100, 45, 1, 2])
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (minor) => {
        const told = otherMinor(minor)
        expect(Number.isSafeInteger(told) && told >= 1 && told !== minor).toBe(true)
      }),
    )
  })

  it('another currency with the same decimals, for every currency', () => {
    expect([otherCurrency('USD'), otherCurrency('EUR'), otherCurrency('JPY'), otherCurrency('KRW')]).toEqual([
      'EUR',
      'USD',
      'KRW',
      'JPY',
    ])
    for (const code of CURRENCY_CODES) {
      const told = otherCurrency(code)
      expect(told, code).not.toBe(code)
      expect(exponentOf(told), code).toBe(exponentOf(code))
    }
  })

  it('another plausible id, never one that is taken', () => {
    expect(otherId('SIMPAY000001', () => false)).toBe('SIMPAY999998')
    expect(otherId('SIMPAY000001', (id) => id === 'SIMPAY999998')).toBe('SIMPAY000001-TMP1')
    expect(otherId('PAYID', () => false)).toBe('PAYID-TMP1')
    expect(otherId('x'.repeat(64), () => false)).toHaveLength(61)
  })

  it('alters every money field of a body, transactions included, and leaves the rest and the original alone', () => {
    const body = {
      result: { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success.' },
      paymentId: 'SIMPAY000001',
      paymentAmount: { currency: 'USD', value: '2400' },
      transactions: [
        { transactionType: 'CAPTURE', transactionAmount: { currency: 'USD', value: '2400' } },
        { transactionType: 'REFUND', transactionAmount: { currency: 'USD', value: '480' } },
      ],
    }
    const frozen = structuredClone(body)
    const amount = tamperBody(body, 'amount', () => false)
    expect(amount.tampered).toEqual({ field: 'amount', original: '2400', reported: '100' })
    expect(amount.body).toMatchObject({
      paymentId: 'SIMPAY000001',
      paymentAmount: { currency: 'USD', value: '100' },
      transactions: [{ transactionAmount: { value: '100' } }, { transactionAmount: { value: '20' } }],
    })
    const currency = tamperBody(body, 'currency', () => false)
    expect(currency.tampered).toEqual({ field: 'currency', original: 'USD', reported: 'EUR' })
    expect(currency.body).toMatchObject({
      paymentAmount: { currency: 'EUR', value: '2400' },
      transactions: [{ transactionAmount: { currency: 'EUR' } }, { transactionAmount: { currency: 'EUR' } }],
    })
    expect(tamperBody(body, 'paymentId', () => false).body).toMatchObject({ paymentId: 'SIMPAY999998' })
    expect(body).toEqual(frozen)
  })

  it('leaves a body without the field as it is', () => {
    const bare = { result: { resultStatus: 'F', resultCode: 'ORDER_NOT_EXIST', resultMessage: 'x' } }
    for (const field of ['amount', 'currency', 'paymentId'] as const)
      expect(tamperBody(bare, field, () => false)).toEqual({ body: bare, tampered: undefined })
  })
})

describe('tamper call fault', () => {
  it('amount: the gateway acts and keeps the truth; the answer tells another amount; the call record says so', () => {
    const { sim } = setup()
    sim.faults.next({ kind: 'tamper', field: 'amount', endpoint: 'pay' })
    const told = sim.request('pay', payBody({ value: '2400', captureMode: 'MANUAL' }))
    expect(told).toMatchObject({ result: { resultStatus: 'S' }, paymentAmount: { currency: 'USD', value: '100' } })
    expect(sim.payment('PAY-1')).toMatchObject({ status: 'authorized', amount: { minor: 2400 } })
    expect(sim.calls().at(-1)).toMatchObject({
      fault: 'tamper',
      acted: true,
      result: { resultStatus: 'S', resultCode: 'SUCCESS' },
      tampered: { field: 'amount', original: '2400', reported: '100' },
    })
    expect(sim.notifications()[0]?.body).toMatchObject({ paymentAmount: { value: '2400' } })
    // A retry under the same request id gets the true stored answer.
    expect(sim.request('pay', payBody({ value: '2400', captureMode: 'MANUAL' }))).toMatchObject({
      paymentAmount: { value: '2400' },
    })
  })

  it('currency and paymentId on capture, refund and inquiry answers', () => {
    const { sim } = setup()
    sim.request('pay', payBody({ value: '2400' }))
    sim.faults.next({ kind: 'tamper', field: 'currency', endpoint: 'refund' })
    const refund = sim.request('refund', {
      refundRequestId: 'R-1',
      paymentId: 'SIMPAY000001',
      refundAmount: { currency: 'USD', value: '500' },
    })
    expect(refund).toMatchObject({ refundAmount: { currency: 'EUR', value: '500' }, paymentId: 'SIMPAY000001' })
    expect(sim.payment('PAY-1')?.refunds[0]?.amount).toEqual({ currency: 'USD', minor: 500 })
    sim.faults.next({ kind: 'tamper', field: 'paymentId', endpoint: 'inquiryPayment' })
    const inquiry = sim.request('inquiryPayment', { paymentRequestId: 'PAY-1' })
    expect(inquiry).toMatchObject({ paymentRequestId: 'PAY-1', paymentId: 'SIMPAY999998', paymentStatus: 'SUCCESS' })
    expect(sim.calls().at(-1)?.tampered).toEqual({
      field: 'paymentId',
      original: 'SIMPAY000001',
      reported: 'SIMPAY999998',
    })
    sim.faults.next({ kind: 'tamper', field: 'amount', endpoint: 'inquiryPayment' })
    expect(sim.request('inquiryPayment', { paymentRequestId: 'PAY-1' })).toMatchObject({
      paymentAmount: { value: '100' },
      transactions: [{ transactionAmount: { value: '100' } }, { transactionAmount: { value: '20' } }],
    })
  })

  it('an answer without the field goes out unchanged, and the record has no tampered', () => {
    const { sim } = setup()
    sim.faults.next({ kind: 'tamper', field: 'amount' })
    expect(codeOf(sim.request('inquiryPayment', { paymentRequestId: 'nope' }))).toBe('F ORDER_NOT_EXIST')
    const [call] = sim.calls()
    expect(call).toMatchObject({ fault: 'tamper', acted: true })
    expect(call && 'tampered' in call).toBe(false)
    expect(() => sim.faults.next({ kind: 'tamper', field: 'status' as 'amount' })).toThrow(/tamper\.field/)
  })
})
