import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { TEST_CARDS } from './cards.js'
import { OTP_VISA, payBody, SUCCESS_MASTERCARD, sessionBody, setup, THREE_DS_VISA } from './simulator.fixtures.js'

describe('card data', () => {
  it('keeps no card number anywhere after card payments of every kind', () => {
    const { sim } = setup()
    TEST_CARDS.forEach((card, i) => {
      sim.request('pay', payBody({ paymentRequestId: `PAY-${i}`, cardNo: card.number, is3DS: i % 2 === 0 }))
    })
    sim.request('pay', payBody({ paymentRequestId: 'SPACED', cardNo: '5162 7741 1497 4622' }))
    sim.request('pay', payBody({ paymentRequestId: 'OTHER', cardNo: '4111111111111111' }))
    sim.request('createPaymentSession', sessionBody())
    sim.completeCheckout('SIMSES000001', { method: 'CARD', card: SUCCESS_MASTERCARD })
    sim.request('verifyAndCompletePayment', {
      verifyRequestId: 'V-1',
      paymentId: sim.payment('PAY-7')?.paymentId,
      verifyMethod: { verifyMethodType: 'SMS_OTP', otpValue: '123456' },
    })
    const threeDs = sim.payment(`PAY-${TEST_CARDS.findIndex((c) => c.number === THREE_DS_VISA)}`)
    sim.completeChallenge(threeDs?.paymentId ?? '', 'pass')
    const deliveries = sim.dueNotifications()

    const stored = [
      JSON.stringify(sim.snapshot()),
      inspect(sim.snapshot(), { depth: null }),
      JSON.stringify(sim.calls()),
      JSON.stringify(sim.notifications()),
      JSON.stringify(deliveries),
    ].join('\n')
    for (const number of [...TEST_CARDS.map((c) => c.number), '4111111111111111', '5162 7741 1497 4622', OTP_VISA]) {
      expect(stored.includes(number), number).toBe(false)
    }
    // No run of 12+ digits at all (ids and amounts are shorter; times are ISO strings or 13-digit epochs).
    const longRuns = (stored.match(/\d{12,}/g) ?? []).filter((run) => run.length !== 13)
    expect(longRuns).toEqual([])
    expect(stored).not.toMatch(/"cvv"|"expiryYear"|"cardholderName"|123456/)
    // What is kept: brand, BIN and last four, and the issuer's AVS and CVV verdicts (never the CVV).
    const verdicts = { avsResult: 'U', cvvResult: 'M' }
    expect(sim.payment('PAY-0')?.card).toEqual({
      brand: 'VISA',
      bin: '405469',
      last4: '0768',
      threeDs: false,
      ...verdicts,
    })
    expect(sim.payment('SPACED')?.card).toEqual({
      brand: 'MASTERCARD',
      bin: '516277',
      last4: '4622',
      threeDs: false,
      ...verdicts,
    })
  })
})
