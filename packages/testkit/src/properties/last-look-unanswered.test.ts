import { describe, it } from 'vitest'
import { AdvanceClockCommand } from './commands/advance-clock.js'
import { CallFaultCommand } from './commands/call-fault.js'
import { checkFixedFlow } from './fixed-flow.fixtures.js'
import { captureLandsLate, payLandsLate, refundLandsLate } from './lands-late.fixtures.js'

/** Relay passes every 15 minutes for `hours`. */
const relayFor = (hours: number) => Array.from({ length: hours * 4 }, () => new AdvanceClockCommand(15 * 60_000))

/**
 * A day and more of relay passes in which the last look's own inquiry is lost: the watch is long over (its looks
 * answered), then the gateway times out on the next `count` inquiries, the look's (25 h 22 min after the give-up) first.
 */
const lastLookLost = (inquiry: 'inquiryPayment' | 'inquiryRefund', count = 1) => [
  ...relayFor(24),
  new CallFaultCommand({ kind: 'timeoutBefore', endpoint: inquiry, count }),
  ...relayFor(3),
]

// A send the engine gave up (no trace at the gateway) lands two hours late, its notification lost: only the last look
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
})
