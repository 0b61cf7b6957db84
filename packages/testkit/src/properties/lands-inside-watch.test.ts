import fc from 'fast-check'
import { describe, it } from 'vitest'
import { AdvanceClockCommand } from './commands/advance-clock.js'
import { LostADayOnCommand } from './commands/lost-a-day-on.js'
import { checkFixedFlow } from './fixed-flow.fixtures.js'
import { captureLandsLate, LANDS_LATE, payLandsLate, refundLandsLate, relayFor } from './lands-late.fixtures.js'

const MINUTE = 60_000

/** Every inquiry from `fromMs` on is lost, up to the watch's end (an hour past the give-up) and its look. */
const watchLooksLost = (inquiry: 'inquiryPayment' | 'inquiryRefund', fromMs: number, count: number) => [
  new LostADayOnCommand(inquiry, fromMs, count),
  ...relayFor(3),
]

// A send the engine gave up (no trace at the gateway) reaches it 40 minutes after it was first sent, inside the hour the
// engine watches for it, its notification lost; the gateway then loses every inquiry up to the watch's end, its last
// look's too. Unless that look is made again until answered, only the last look a day on tells: for a refund, a day in
// which the merchant reads `failed` and may refund twice (last-look-finds-the-untold).
describe('a send that lands inside the watch, every look after it lost', () => {
  it('a refund given up is found refunded by the watch, asking again', () =>
    checkFixedFlow([...refundLandsLate(40 * MINUTE), ...watchLooksLost('inquiryRefund', 30 * MINUTE, 6)]))

  it('a capture given up is found captured by the watch, asking again', () =>
    checkFixedFlow([...captureLandsLate(40 * MINUTE), ...watchLooksLost('inquiryPayment', 20 * MINUTE, 6)]))

  it('a pay the payment closed without is found paid by the watch, asking again', () =>
    checkFixedFlow([...payLandsLate(40 * MINUTE), ...watchLooksLost('inquiryPayment', 35 * MINUTE, 6)]))

  // The same, drawn: which send, when it lands (inside the watch), from when and how many inquiries in a row are lost.
  it('is found by the watch whatever the send, its landing and the losses (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('refund' as const, 'capture' as const, 'pay' as const),
        fc.integer({ min: 20 * MINUTE, max: 55 * MINUTE }),
        fc.integer({ min: 0, max: 45 * MINUTE }),
        fc.integer({ min: 1, max: 8 }),
        async (send, landsAfterMs, lostFromMs, lost) => {
          const { flow, inquiry } = LANDS_LATE[send]
          await checkFixedFlow([...flow(landsAfterMs), ...watchLooksLost(inquiry, lostFromMs, lost)])
        },
      ),
      { numRuns: 20 },
    )
  }, 120_000)
})

// The same sends, their notifications lost, while no relay runs for two hours (a process down, one stretch of time): the
// looks the watch promised are fired late, after its end. Judged by when they were due, they are made; judged by the
// relay's clock, none is, and only the last look a day on tells (last-look-finds-the-untold).
describe('a send that lands inside the watch, while no relay runs until after it', () => {
  const relayDown = new AdvanceClockCommand(2 * 3_600_000)

  it('a refund given up is found refunded by the watch look the relay fires late', () =>
    checkFixedFlow([...refundLandsLate(40 * MINUTE), relayDown]))

  it('a capture given up is found captured by the watch look the relay fires late', () =>
    checkFixedFlow([...captureLandsLate(40 * MINUTE), relayDown]))

  it('a pay the payment closed without is found paid by the watch look the relay fires late', () =>
    checkFixedFlow([...payLandsLate(40 * MINUTE), relayDown]))
})
