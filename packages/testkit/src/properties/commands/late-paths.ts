import fc from 'fast-check'
import {
  lateCallFaultArb,
  lyingNotificationArb,
  moneyFaultArb,
  notificationFaultArb,
  type PaymentKind,
  paymentSpecArb,
} from '../../arbitraries/index.js'
import type { CallFault, CallFaultRequest } from '../../simulator/faults.js'
import { AbandonCommand } from './abandon.js'
import { AdvanceClockCommand } from './advance-clock.js'
import { BackToBackCommand } from './back-to-back.js'
import { CallFaultCommand } from './call-fault.js'
import { CancelCommand } from './cancel.js'
import { CaptureCommand } from './capture.js'
import type { ModelCommand } from './command.js'
import { Complete3dsCommand, type LostWith3ds } from './complete-3ds.js'
import { CrashCommand } from './crash.js'
import { CreatePaymentCommand } from './create-payment.js'
import { DeliverNotificationsCommand } from './deliver-notifications.js'
import { FaultedIntentCommand } from './faulted-intent.js'
import { focusedTarget as target } from './focused-target.js'
import { capturedAgainAfterLanding, type InquiriesLost, LandsAfterGivenUpCommand } from './lands-after-given-up.js'
import { LatePayUnheardCommand, type ReversalFault } from './late-pay-unheard.js'
import { LateSuccessRefundedInDashboardCommand } from './late-success-refunded-in-dashboard.js'
import { NotificationFaultCommand } from './notification-fault.js'
import { PayWalletCommand } from './pay-wallet.js'
import { RefundCommand } from './refund.js'
import { RouteWebhookCommand } from './route-webhook.js'
import { VerificationLandsLateCommand } from './verification-lands-late.js'

/** Faults after which the gateway has no trace of the call: a send that never arrived. */
export const NO_TRACE: ReadonlyArray<CallFault> = [
  { kind: 'timeoutBefore' },
  { kind: 'dropConnection', when: 'before' },
  { kind: 'unsigned', when: 'before' },
]

/**
 * The paths the full mix reaches only now and then, made common: a capture that never reaches the gateway however
 * often it is sent (so it is given up), sends that reach the gateway after the engine gave them up, a pay that lands
 * after the payment closed (cancelled or expired) and the refund that reverses it, a buyer's code that lands after
 * the engine's inquiry found it awaited, the notifications that would tell of them lost or reordered, and answers
 * about captures and refunds that lie.
 * Few payments, mostly cards authorized for a separate capture, so that the faults meet the payment they aim at.
 */
export const latePathCommands = (options: { readonly crashes?: boolean } = {}): Array<fc.Arbitrary<ModelCommand>> => {
  const kinds: ReadonlyArray<PaymentKind> = ['cardSuccess', 'cardSuccess', 'cardSuccess', 'card3ds', 'otpWallet']
  const create = paymentSpecArb({ kinds }).map((spec) => new CreatePaymentCommand(spec))
  const lostCapture = fc
    .tuple(fc.constantFrom(...NO_TRACE), fc.constantFrom(2, 3, 3, 4), target)
    .map(([fault, count, t]) => new FaultedIntentCommand('capture', fault, count, 'call', t))
  const givenUpSend = fc.tuple(
    fc.constantFrom('capture' as const, 'capture' as const, 'refund' as const),
    fc.constantFrom(...NO_TRACE),
    // Early in the watch that follows the give-up, late in it (past the last look at the backoff), or after it (then
    // only the send's own answer or notice, or the last look a day on, tells).
    fc.constantFrom(30 * 60_000, 70 * 60_000, 2 * 3_600_000),
    fc.boolean(),
    target,
  )
  // The inquiries about it lost: none, every look from the landing to the watch's end, or the last look a day on.
  const inquiriesLost = (afterMs: number) =>
    fc.constantFrom<InquiriesLost | undefined>(
      undefined,
      undefined,
      { fromMs: afterMs, count: 4 },
      { fromMs: 25 * 3_600_000, count: 2 },
    )
  // A relay that did not run meanwhile: the pause in one stretch.
  const landsAfterGivenUp = givenUpSend.chain(([kind, fault, afterMs, noticeLost, t]) =>
    fc
      .tuple(fc.constantFrom(5 * 60_000, 2 * 3_600_000), inquiriesLost(afterMs))
      .map(([pauseMs, lost]) => new LandsAfterGivenUpCommand(kind, fault, afterMs, pauseMs, noticeLost, t, 1, lost)),
  )
  // A relay that ran on its schedule meanwhile: two hours in 24 passes, the watch's looks on time.
  const landsAfterGivenUpPaced = givenUpSend.chain(([kind, fault, afterMs, noticeLost, t]) =>
    inquiriesLost(afterMs).map(
      (lost) => new LandsAfterGivenUpCommand(kind, fault, afterMs, 2 * 3_600_000, noticeLost, t, 24, lost),
    ),
  )
  // A capture given up, landing unheard late in its watch or after it (its notice lost, the relay on its schedule), and
  // the merchant, told it failed, capturing again: the gateway refuses that one for the payment's status, and the
  // inquiries from the landing on are lost, the refusal's among them.
  const capturedAgainAfterGivenUp = fc
    .tuple(fc.constantFrom(...NO_TRACE), fc.constantFrom(70 * 60_000, 2 * 3_600_000), target)
    .map(([fault, afterMs, t]) => capturedAgainAfterLanding(fault, afterMs, t))
  const late = lateCallFaultArb.map((fault) => new CallFaultCommand(fault))
  // A pay that lands minutes after it was sent: after the engine found no trace of it and closed the payment, inside
  // the hour it watches for one.
  const latePay = fc
    .tuple(fc.constantFrom(1, 2, 3), fc.constantFrom(3 * 60_000, 20 * 60_000, 50 * 60_000))
    .map(([count, afterMs]) => new CallFaultCommand({ kind: 'landsLate', endpoint: 'pay', count, afterMs }))
  // The same, its notice lost, time running on in a relay's steps: late in the watch, where only its last look at the
  // watch's end sees it, or after the watch, where only the last look a day on does; the answer to the refund that
  // reverses it may lie, or its sends be lost.
  const latePayUnheard = fc
    .tuple(
      paymentSpecArb({ kinds: ['cardSuccess'] }),
      fc.constantFrom(35 * 60_000, 45 * 60_000, 55 * 60_000, 120 * 60_000),
      fc.constantFrom<ReversalFault>('nothing', 'nothing', 'amount', 'currency', 'sendsLost'),
    )
    .map(([spec, afterMs, reversal]) => new LatePayUnheardCommand(spec, afterMs, reversal))
  const lateCapture = fc.tuple(fc.constantFrom(1, 3, 3), fc.constantFrom(0, 3_600_000)).map(
    ([count, afterMs]) =>
      new CallFaultCommand({
        kind: 'landsLate',
        endpoint: 'capture',
        count,
        ...(afterMs === 0 ? {} : { afterMs }),
      }),
  )
  // The answers to the next three refunds lie: a merchant's, or the one that reverses a late success.
  const lyingRefund = fc
    .constantFrom<CallFaultRequest>(
      { kind: 'tamper', field: 'amount', endpoint: 'refund', count: 3 },
      { kind: 'tamper', field: 'currency', endpoint: 'refund', count: 3 },
    )
    .map((fault) => new CallFaultCommand(fault))
  const lostNotifications = fc
    .constantFrom(
      { kind: 'drop' as const, count: 2 },
      { kind: 'drop' as const, count: 1 },
      { kind: 'reorder' as const, count: 2 },
    )
    .map((fault) => new NotificationFaultCommand(fault))
  const lostWith3ds = fc
    .tuple(target, fc.constantFrom<LostWith3ds>('result', 'resultAndInquiry'))
    .map(([t, lost]) => new Complete3dsCommand(t, 'pass', false, lost))
  // The same, the inquiry lost too, and the merchant refunds at once (an order called off right after payment): the
  // refund meets the asking for the payment's own result.
  const lostWith3dsRefunded = fc
    .tuple(target, fc.constantFrom(1000, 1000, 400))
    .map(
      ([t, p]) =>
        new BackToBackCommand(
          new Complete3dsCommand(t, 'pass', false, 'resultAndInquiry'),
          new RefundCommand(t, p, 'new', true),
        ),
    )
  const capture = fc
    .tuple(target, fc.constantFrom(1000, 1000, 500), fc.boolean())
    .map(([t, p, a]) => new CaptureCommand(t, p, 'new', a))
  const deliver = fc
    .constantFrom('all' as const, 'together' as const, 'unacknowledged' as const)
    .map((mode) => new DeliverNotificationsCommand(mode))
  const arbs: Array<fc.Arbitrary<ModelCommand>> = [
    create,
    create,
    capture,
    capture,
    lostCapture,
    lostCapture,
    landsAfterGivenUp,
    landsAfterGivenUpPaced,
    capturedAgainAfterGivenUp,
    capturedAgainAfterGivenUp,
    late,
    latePay,
    latePay,
    latePay,
    latePayUnheard,
    lateCapture,
    lateCapture,
    lostNotifications,
    notificationFaultArb.map((fault) => new NotificationFaultCommand(fault)),
    moneyFaultArb.map((fault) => new CallFaultCommand(fault)),
    lyingRefund,
    lyingRefund,
    lyingNotificationArb.map((fault) => new NotificationFaultCommand(fault)),
    target.map((t) => new CancelCommand(t)),
    target.map((t) => new AbandonCommand(t)),
    fc
      .tuple(target, fc.constantFrom<'pass' | 'fail'>('pass', 'pass', 'fail'), fc.boolean())
      .map(([t, o, r]) => new Complete3dsCommand(t, o, r)),
    // A 3DS pass whose own result is never told: an automatic capture's notice comes first, alone; and the inquiry it
    // sends for that result may be lost too.
    lostWith3ds,
    lostWith3dsRefunded,
    fc
      .tuple(target, fc.constantFrom<'pass' | 'fail' | 'pending'>('pass', 'pending'), fc.boolean())
      .map(([t, o, r]) => new PayWalletCommand(t, o, r)),
    // A buyer's code that reaches the gateway after the engine's first inquiry found it still awaited, entered again.
    target.map((t) => new VerificationLandsLateCommand(t)),
    fc.tuple(target, fc.constantFrom(1000, 400)).map(([t, p]) => new RefundCommand(t, p, 'new', true)),
    // A late success the merchant refunds in the gateway's dashboard, before the engine reverses it or after.
    fc
      .tuple(
        paymentSpecArb({ kinds: ['cardSuccess'] }),
        fc.constantFrom(15_000, 15_000, 90_000, 20 * 60_000),
        fc.constantFrom(1000, 1000, 400),
      )
      .map(([spec, afterMs, p]) => new LateSuccessRefundedInDashboardCommand(spec, afterMs, p)),
    deliver,
    deliver,
    fc.constantFrom(5_000, 61_000, 20 * 60_000, 2 * 3_600_000).map((ms) => new AdvanceClockCommand(ms)),
    fc.constantFrom('other' as const, 'this' as const).map((to) => new RouteWebhookCommand(to)),
  ]
  if (options.crashes !== false) {
    arbs.push(
      fc.constantFrom('now' as const, 'beforeCall' as const, 'afterCall' as const).map((w) => new CrashCommand(w)),
    )
  }
  return arbs
}
