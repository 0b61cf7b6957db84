import fc from 'fast-check'
import { paymentSpecArb } from '../../arbitraries/index.js'
import { AdvanceClockCommand } from './advance-clock.js'
import { BackToBackCommand } from './back-to-back.js'
import { CallFaultCommand } from './call-fault.js'
import type { ModelCommand } from './command.js'
import { Complete3dsCommand, type LostWith3ds } from './complete-3ds.js'
import { CreatePaymentCommand } from './create-payment.js'
import { DeliverNotificationsCommand } from './deliver-notifications.js'
import { focusedTarget as target } from './focused-target.js'
import { NotificationFaultCommand } from './notification-fault.js'
import { RefundCommand } from './refund.js'

const share = fc.constantFrom(1000, 1000, 400)
const lost = fc.constantFrom<LostWith3ds>('result', 'resultAndInquiry', 'resultAndInquiry')

/**
 * A card's capture told before the payment's own result, made common: 3DS cards captured automatically, whose result
 * notification is lost once the buyer passes (and the inquiry the capture's notice sends for it, often), so the
 * engine asks for that result, and the card facts it alone carries, at the reconcile backoff; the merchant refunds,
 * often in full and at once; inquiries and notifications lost again, time passing.
 */
export const captureToldFirstCommands = (): Array<fc.Arbitrary<ModelCommand>> => {
  const create = paymentSpecArb({ kinds: ['card3ds'] }).map(
    (spec) => new CreatePaymentCommand({ ...spec, captureMode: 'AUTOMATIC' }),
  )
  const passedUnheard = fc.tuple(target, lost).map(([t, l]) => new Complete3dsCommand(t, 'pass', false, l))
  // An order called off right after payment: the refund meets the asking for the payment's own result.
  const refundedAtOnce = fc
    .tuple(target, lost, share)
    .map(
      ([t, l, p]) =>
        new BackToBackCommand(new Complete3dsCommand(t, 'pass', false, l), new RefundCommand(t, p, 'new', true)),
    )
  return [
    create,
    create,
    passedUnheard,
    refundedAtOnce,
    refundedAtOnce,
    fc
      .tuple(target, fc.constantFrom<'pass' | 'fail'>('pass', 'pass', 'fail'), fc.boolean())
      .map(([t, o, r]) => new Complete3dsCommand(t, o, r)),
    fc.tuple(target, share).map(([t, p]) => new RefundCommand(t, p, 'new', true)),
    fc
      .constantFrom(1, 2, 4)
      .map((count) => new CallFaultCommand({ kind: 'timeoutBefore', endpoint: 'inquiryPayment', count })),
    fc.constantFrom({ kind: 'drop' as const, count: 1 }).map((fault) => new NotificationFaultCommand(fault)),
    fc.constantFrom('all' as const, 'unacknowledged' as const).map((m) => new DeliverNotificationsCommand(m)),
    fc.constantFrom(5_000, 61_000, 20 * 60_000, 2 * 3_600_000).map((ms) => new AdvanceClockCommand(ms)),
    fc.constant(new AdvanceClockCommand(2 * 3_600_000, 8)),
  ]
}
