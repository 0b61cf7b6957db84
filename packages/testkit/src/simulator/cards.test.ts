import { describe, expect, it } from 'vitest'
import { brandOf, examineCard, luhnValid, maskedNumber, TEST_CARDS } from './cards.js'
import { codeOf, payBody, setup } from './simulator.fixtures.js'

describe('TEST_CARDS', () => {
  it('holds the sandbox cards, each number once, Luhn-valid, with the brand its prefix says', () => {
    const numbers = TEST_CARDS.map((card) => card.number)
    expect(new Set(numbers).size).toBe(numbers.length)
    expect(numbers).toEqual(
      expect.arrayContaining(['4054695723100768', '5162774114974622', '4054692760174822', '5162770472561357']),
    )
    for (const card of TEST_CARDS) {
      expect(luhnValid(card.number), card.number).toBe(true)
      expect(brandOf(card.number), card.number).toBe(card.brand)
    }
  })

  it.each(TEST_CARDS.map((card) => [card.number, card] as const))(
    'card %s behaves as documented in pay',
    (number, card) => {
      const { sim } = setup()
      const body = sim.request('pay', payBody({ cardNo: number }))
      const expected = {
        approve: 'S SUCCESS',
        decline: `F ${card.behaviour.kind === 'decline' ? card.behaviour.resultCode : ''}`,
        challenge: 'U PAYMENT_IN_PROCESS',
        challengeRequired: 'F AUTHENTICATION_REQUIRED',
        otp: 'U PAYMENT_IN_PROCESS',
      }[card.behaviour.kind]
      expect(codeOf(body)).toBe(expected)
      expect(sim.payment('PAY-1')?.card).toMatchObject({
        brand: card.brand,
        bin: number.slice(0, 6),
        last4: number.slice(-4),
      })
    },
  )
})

describe('examineCard', () => {
  it('approves another Luhn-valid number and declines a malformed one with INVALID_CARD_NUMBER', () => {
    expect(examineCard('4111 1111 1111 1111').behaviour).toEqual({ kind: 'approve' })
    expect(examineCard('4111111111111112').behaviour).toEqual({ kind: 'decline', resultCode: 'INVALID_CARD_NUMBER' })
    expect(examineCard('41111').behaviour).toEqual({ kind: 'decline', resultCode: 'INVALID_CARD_NUMBER' })
  })

  it('keeps only brand, BIN and last four (and whether 3DS challenges it), and masks the rest', () => {
    const { facts } = examineCard('5162774114974622')
    expect(facts).toEqual({
      brand: 'MASTERCARD',
      bin: '516277',
      last4: '4622',
      threeDs: false,
      avsResult: 'U',
      cvvResult: 'M',
    })
    expect(maskedNumber(facts)).toBe('************4622')
  })

  it('names the brands by prefix', () => {
    expect(brandOf('4000')).toBe('VISA')
    expect(brandOf('2221000000000009')).toBe('MASTERCARD')
    expect(brandOf('378282246310005')).toBe('AMEX')
    expect(brandOf('3530111333300000')).toBe('JCB')
    expect(brandOf('6200000000000005')).toBe('UNIONPAY')
    expect(brandOf('9999')).toBe('UNKNOWN')
  })
})
