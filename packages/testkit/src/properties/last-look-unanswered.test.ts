import { describe, it } from 'vitest'
import { AdvanceClockCommand } from './commands/advance-clock.js'
import { CallFaultCommand } from './commands/call-fault.js'
import { CreatePaymentCommand } from './commands/create-payment.js'
import { DeliverNotificationsCommand } from './commands/deliver-notifications.js'
import { LandsAfterGivenUpCommand } from './commands/lands-after-given-up.js'
import { NotificationFaultCommand } from './commands/notification-fault.js'
import { checkFixedFlow } from './fixed-flow.fixtures.js'

const TWO_HOURS = 2 * 3_600_000
const STEP = 15 * 60_000
const card = (captureMode: 'AUTOMATIC' | 'MANUAL') =>
  new CreatePaymentCommand({
    kind: 'cardSuccess',
    captureMode,
    amount: { currency: 'USD', minor: 1000 },
    cardNo: '4054695723100768',
  })
/** Relay passes every 15 minutes for `hours`. */
const relayFor = (hours: number) => Array.from({ length: hours * 4 }, () => new AdvanceClockCommand(STEP))

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
    checkFixedFlow([
      card('AUTOMATIC'),
      new AdvanceClockCommand(5_000),
      new DeliverNotificationsCommand('all'),
      new LandsAfterGivenUpCommand('refund', { kind: 'timeoutBefore' }, TWO_HOURS, 5 * 60_000, true, 0),
      ...lastLookLost('inquiryRefund'),
    ]))

  it('asks again after the look made again is lost too', () =>
    checkFixedFlow([
      card('AUTOMATIC'),
      new AdvanceClockCommand(5_000),
      new DeliverNotificationsCommand('all'),
      new LandsAfterGivenUpCommand('refund', { kind: 'timeoutBefore' }, TWO_HOURS, 5 * 60_000, true, 0),
      ...lastLookLost('inquiryRefund', 3),
    ]))

  it('asks again, and finds the capture given up captured', () =>
    checkFixedFlow([
      card('MANUAL'),
      new DeliverNotificationsCommand('all'),
      new LandsAfterGivenUpCommand('capture', { kind: 'timeoutBefore' }, TWO_HOURS, 5 * 60_000, true, 0),
      ...lastLookLost('inquiryPayment'),
    ]))

  it('asks again, and finds the pay the payment closed without', () =>
    checkFixedFlow([
      new CallFaultCommand({ kind: 'landsLate', endpoint: 'pay', count: 1, afterMs: TWO_HOURS }),
      card('MANUAL'),
      new NotificationFaultCommand({ kind: 'drop', count: 2 }),
      ...lastLookLost('inquiryPayment'),
    ]))
})
