import fc from 'fast-check'
import { type PaymentKind, paymentSpecArb } from '../../arbitraries/index.js'
import type { CallFaultRequest } from '../../simulator/faults.js'
import { AdvanceClockCommand } from './advance-clock.js'
import { CallFaultCommand } from './call-fault.js'
import { CaptureCommand } from './capture.js'
import type { ModelCommand } from './command.js'
import { CreatePaymentCommand } from './create-payment.js'
import { DeliverNotificationsCommand } from './deliver-notifications.js'
import { ExternalRefundCommand } from './external-refund.js'
import { focusedTarget as target } from './focused-target.js'
import { NotificationFaultCommand } from './notification-fault.js'
import { type CheckoutPageChoice, PayOnCheckoutPageCommand } from './pay-on-checkout-page.js'

/** The pay's answer lost after the gateway acted: the paymentId can then come from a notification alone. */
const payAnswerLost = fc.constantFrom<CallFaultRequest>(
  { kind: 'unsigned', when: 'after', httpStatus: 502, resultStatus: 'U', endpoint: 'pay' },
  { kind: 'timeoutAfter', endpoint: 'pay' },
)

/**
 * A paymentId only a lying notification told, made common: card, wallet and Checkout Page payments whose pay answer
 * is lost (a session's answer never names the payment), whose true notification is dropped and a lying twin naming
 * another paymentId delivered, then captures, refunds made in the gateway's dashboard (whose reports name the payment
 * by paymentId alone), deliveries and time passing.
 */
export const lostPaymentIdCommands = (): Array<fc.Arbitrary<ModelCommand>> => {
  const kinds: ReadonlyArray<PaymentKind> = ['cardSuccess', 'cardSuccess', 'wallet', 'session', 'session']
  const create = paymentSpecArb({ kinds }).map((spec) => new CreatePaymentCommand(spec))
  const lie = fc.constant(new NotificationFaultCommand({ kind: 'tamper', field: 'paymentId', count: 1 }))
  const dropTruth = fc.constant(new NotificationFaultCommand({ kind: 'drop', count: 1 }))
  return [
    create,
    create,
    payAnswerLost.map((fault) => new CallFaultCommand(fault)),
    lie,
    lie,
    dropTruth,
    fc
      .tuple(target, fc.constantFrom<CheckoutPageChoice>('card', 'wallet', 'wallet', 'decline'), fc.boolean())
      .map(([t, c, r]) => new PayOnCheckoutPageCommand(t, c, r)),
    fc.tuple(target, fc.integer({ min: 1, max: 1000 })).map(([t, p]) => new CaptureCommand(t, p, 'new', true)),
    fc.tuple(target, fc.integer({ min: 1, max: 1000 })).map(([t, p]) => new ExternalRefundCommand(t, p)),
    fc.constantFrom('all' as const, 'unacknowledged' as const).map((m) => new DeliverNotificationsCommand(m)),
    fc.constantFrom(5_000, 61_000, 20 * 60_000, 2 * 3_600_000).map((ms) => new AdvanceClockCommand(ms)),
  ]
}
