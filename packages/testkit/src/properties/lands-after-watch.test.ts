import { describe, it } from 'vitest'
import { AdvanceClockCommand } from './commands/advance-clock.js'
import { CallFaultCommand } from './commands/call-fault.js'
import { CreatePaymentCommand } from './commands/create-payment.js'
import { DeliverNotificationsCommand } from './commands/deliver-notifications.js'
import { LandsAfterGivenUpCommand } from './commands/lands-after-given-up.js'
import { NotificationFaultCommand } from './commands/notification-fault.js'
import { checkFixedFlow } from './fixed-flow.fixtures.js'

const TWO_HOURS = 2 * 3_600_000
const card = (captureMode: 'AUTOMATIC' | 'MANUAL') =>
  new CreatePaymentCommand({
    kind: 'cardSuccess',
    captureMode,
    amount: { currency: 'USD', minor: 1000 },
    cardNo: '4054695723100768',
  })
/** Time runs on in the relay's steps (no stretch that would fire a watch's last look late, after the landing). */
const relaySteps = Array.from({ length: 10 }, () => new AdvanceClockCommand(15 * 60_000))

// A send the engine gave up (no trace at the gateway) reaches it two hours late, after the hour the engine watched for
// it, and the notification it makes is lost: only the last look a day on can tell (local-equals-gateway).
describe('a send that lands after the watch for it ended, its notification lost', () => {
  // The flow the bug-injection control found (its 3,000-flow baseline, late paths).
  it('a refund given up is found refunded', () =>
    checkFixedFlow([
      card('AUTOMATIC'),
      new AdvanceClockCommand(5_000),
      new DeliverNotificationsCommand('all'),
      new LandsAfterGivenUpCommand('refund', { kind: 'timeoutBefore' }, TWO_HOURS, 5 * 60_000, true, 0),
      ...relaySteps,
    ]))

  it('a capture given up is found captured', () =>
    checkFixedFlow([
      card('MANUAL'),
      new DeliverNotificationsCommand('all'),
      new LandsAfterGivenUpCommand('capture', { kind: 'timeoutBefore' }, TWO_HOURS, 5 * 60_000, true, 0),
      ...relaySteps,
    ]))

  it('a pay the payment closed without is found paid, and cancelled', () =>
    checkFixedFlow([
      new CallFaultCommand({ kind: 'landsLate', endpoint: 'pay', count: 1, afterMs: TWO_HOURS }),
      card('MANUAL'),
      new NotificationFaultCommand({ kind: 'drop', count: 2 }),
      ...relaySteps,
    ]))
})
