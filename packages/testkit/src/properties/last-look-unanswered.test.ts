import { LAST_LOOK_AFTER_WATCH_MS } from '@paychart/core/machine'
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { CallFaultCommand } from './commands/call-fault.js'
import { LostADayOnCommand } from './commands/lost-a-day-on.js'
import { checkFixedFlow } from './fixed-flow.fixtures.js'
import { captureLandsLate, LANDS_LATE, payLandsLate, refundLandsLate, relayFor } from './lands-late.fixtures.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/**
 * A day and more of relay passes in which the last look's own inquiry is lost: the watch is long over (its looks
 * answered), then the gateway times out on the next `count` inquiries, the look's (25 h 22 min after the give-up) first.
 */
const lastLookLost = (inquiry: 'inquiryPayment' | 'inquiryRefund', count = 1) => [
  ...relayFor(24),
  new CallFaultCommand({ kind: 'timeoutBefore', endpoint: inquiry, count }),
  ...relayFor(3),
]

// A send the engine gave up (no trace at the gateway) lands after its watch, its notification lost: only the last look
// a day on can tell, and the gateway does not answer that look. Asked once, nothing ever tells (local-equals-gateway).
describe('a last look whose inquiry goes unanswered', () => {
  it('asks again, and finds the refund given up refunded', () =>
    checkFixedFlow([...refundLandsLate(), ...lastLookLost('inquiryRefund')]))

  it('asks again after the look made again is lost too', () =>
    checkFixedFlow([...refundLandsLate(), ...lastLookLost('inquiryRefund', 3)]))

  it('asks again, and finds the capture given up captured', () =>
    checkFixedFlow([...captureLandsLate(), ...lastLookLost('inquiryPayment')]))

  it('asks again, and finds the pay the payment closed without', () =>
    checkFixedFlow([...payLandsLate(), ...lastLookLost('inquiryPayment')]))

  // The same, drawn: which send, when it lands (past the watch, before the look), how many inquiries in a row are lost
  // from a day on (after the watch, before the look); time runs as quiescence runs it, from one due timer to the next.
  it('asks again whatever the send, its landing and the losses (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('refund' as const, 'capture' as const, 'pay' as const),
        fc.integer({ min: 80 * MINUTE, max: 20 * HOUR }),
        fc.integer({ min: 1, max: 3 }),
        async (send, landsAfterMs, lost) => {
          const { flow, inquiry } = LANDS_LATE[send]
          const losses = new LostADayOnCommand(inquiry, LAST_LOOK_AFTER_WATCH_MS + 10 * MINUTE, lost)
          // Relay passes until the send has landed: its notification is lost then (quiescence would clear that fault).
          await checkFixedFlow([...flow(landsAfterMs), losses, ...relayFor(landsAfterMs / HOUR + 0.5)])
        },
      ),
      { numRuns: 12 },
    )
  }, 120_000)
})
