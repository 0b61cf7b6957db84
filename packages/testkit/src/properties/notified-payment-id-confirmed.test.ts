import { describe, it } from 'vitest'
import { CallFaultCommand } from './commands/call-fault.js'
import { CreatePaymentCommand } from './commands/create-payment.js'
import { ExternalRefundCommand } from './commands/external-refund.js'
import { NotificationFaultCommand } from './commands/notification-fault.js'
import { PayOnCheckoutPageCommand } from './commands/pay-on-checkout-page.js'
import { checkFixedFlow } from './fixed-flow.fixtures.js'

// Found by the model (scheduled, seed 674671519, flow 221): a Checkout Page payment learns its paymentId from its
// notification alone, and the one delivered named another paymentId (its true one was lost). The payment kept that id;
// a refund made in the gateway's dashboard, whose REFUND_RESULT names the payment by paymentId alone, then matched no
// payment, and the gateway gave it up unacknowledged after eight deliveries.
describe('a paymentId only a notification told', () => {
  it("is confirmed by the payment's own result, so reports naming the true one find it (notifications-answered)", () =>
    checkFixedFlow([
      new NotificationFaultCommand({ kind: 'drop', count: 2 }),
      new CreatePaymentCommand({
        kind: 'cardSuccess',
        captureMode: 'MANUAL',
        amount: { currency: 'USD', minor: 100 },
        cardNo: '4054695723100768',
      }),
      new CreatePaymentCommand({ kind: 'session', captureMode: 'MANUAL', amount: { currency: 'USD', minor: 100 } }),
      new NotificationFaultCommand({ kind: 'tamper', field: 'paymentId', count: 1 }),
      new PayOnCheckoutPageCommand(1, 'wallet', false),
      new ExternalRefundCommand(1, 325),
    ]))

  // Found by the model once it stopped excusing an engine that never asked (memory, seed 1646298285, flow 182): a
  // MANUAL card's pay answer lost after the gateway acted, its true notification dropped and a lying one delivered;
  // the payment kept the lie while authorized, where a void or refund made in the dashboard names it by paymentId.
  it('is confirmed while the payment waits authorized for its capture (local-equals-gateway)', () =>
    checkFixedFlow([
      new CallFaultCommand({ kind: 'unsigned', when: 'after', httpStatus: 502, resultStatus: 'U' }),
      new NotificationFaultCommand({ kind: 'tamper', field: 'paymentId', count: 1 }),
      new NotificationFaultCommand({ kind: 'drop', count: 1 }),
      new CreatePaymentCommand({
        kind: 'cardSuccess',
        captureMode: 'MANUAL',
        amount: { currency: 'USD', minor: 100 },
        cardNo: '4054695723100768',
      }),
    ]))
})
