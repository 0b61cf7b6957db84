import { isListedFor } from '@paychart/core/result-codes'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TEST_CARDS } from '../simulator/cards.js'
import { createSimulator } from '../simulator/simulator.js'
import {
  CARDS_BY_KIND,
  callFaultArb,
  notificationScheduleArb,
  paymentInputOf,
  paymentSpecArb,
  resultCodeArb,
} from './index.js'

const urls = { notifyUrl: 'https://shop.test/notify', redirectUrl: 'https://shop.test/return' }

describe('arbitraries', () => {
  it('payment specs: cards carry a test card of their kind, other kinds none, amounts are positive integers', () => {
    fc.assert(
      fc.property(paymentSpecArb(), (spec) => {
        expect(Number.isSafeInteger(spec.amount.minor) && spec.amount.minor > 0).toBe(true)
        if (spec.kind === 'cardSuccess' || spec.kind === 'cardDecline' || spec.kind === 'card3ds') {
          expect(CARDS_BY_KIND[spec.kind]).toContain(spec.cardNo)
          const card = TEST_CARDS.find((c) => c.number === spec.cardNo)
          const declines = ['decline', 'challengeRequired']
          const expected =
            spec.kind === 'cardSuccess' ? ['approve'] : spec.kind === 'card3ds' ? ['challenge'] : declines
          expect(expected).toContain(card?.behaviour.kind)
        } else expect(spec.cardNo).toBeUndefined()
      }),
      { numRuns: 200 },
    )
  })

  it('payment inputs never hold the card number', () => {
    fc.assert(
      fc.property(paymentSpecArb(), (spec) => {
        const input = paymentInputOf('PAY-ARB', spec, urls)
        if (spec.cardNo !== undefined) expect(JSON.stringify(input)).not.toContain(spec.cardNo)
        expect(input.amount).toEqual(spec.amount)
      }),
      { numRuns: 100 },
    )
  })

  it('result codes are the ones the catalogue lists for the API asked for', () => {
    fc.assert(
      fc.property(resultCodeArb('pay'), (result) => {
        expect(isListedFor('pay', result.resultCode)).toBe(true)
        expect(['S', 'F', 'U']).toContain(result.resultStatus)
      }),
      { numRuns: 100 },
    )
  })

  it('call faults and notification schedules are accepted by the simulator as they are', () => {
    fc.assert(
      fc.property(callFaultArb(['pay', 'capture']), notificationScheduleArb(), (fault, schedule) => {
        const simulator = createSimulator()
        expect(() => simulator.faults.next(fault)).not.toThrow()
        for (const notificationFault of schedule) {
          expect(() => simulator.faults.nextNotifications(notificationFault)).not.toThrow()
        }
      }),
      { numRuns: 100 },
    )
  })
})
