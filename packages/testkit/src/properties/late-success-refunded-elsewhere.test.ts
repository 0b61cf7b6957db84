import { describe, it } from 'vitest'
import { AdvanceClockCommand } from './commands/advance-clock.js'
import { CallFaultCommand } from './commands/call-fault.js'
import { CancelCommand } from './commands/cancel.js'
import { CreatePaymentCommand } from './commands/create-payment.js'
import { DeliverNotificationsCommand } from './commands/deliver-notifications.js'
import { ExternalRefundCommand } from './commands/external-refund.js'
import { checkFixedFlow } from './fixed-flow.fixtures.js'

// Found by the model (memory, scheduled, seed 7407): a pay lands after the merchant's cancel closed the payment on
// ORDER_NOT_EXIST, the gateway captures it, and the merchant refunds it in the dashboard before the engine's own
// reversal goes out (which then fails, REFUND_AMOUNT_EXCEED). The dashboard refund's notification was ignored: the
// payment said refunded 0 where the gateway had refunded it all.
describe('a late success after a cancel, refunded in the dashboard before the engine reverses it', () => {
  it('records the dashboard refund (local-equals-gateway)', () =>
    checkFixedFlow([
      new CallFaultCommand({ kind: 'landsLate', endpoint: 'pay', count: 1 }),
      new CreatePaymentCommand({
        kind: 'cardSuccess',
        captureMode: 'AUTOMATIC',
        amount: { currency: 'USD', minor: 13_828 },
        cardNo: '4054695723100768',
      }),
      new CancelCommand(0),
      // The pay lands, and the gateway captures it five seconds later.
      new AdvanceClockCommand(5_000),
      new AdvanceClockCommand(5_000),
      new AdvanceClockCommand(5_000),
      new ExternalRefundCommand(0, 1000),
      new AdvanceClockCommand(61_000),
      new AdvanceClockCommand(3 * 60_000),
      new DeliverNotificationsCommand('all'),
      new AdvanceClockCommand(20 * 60_000),
    ]))
})
