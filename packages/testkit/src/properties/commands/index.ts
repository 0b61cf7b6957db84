import fc from 'fast-check'
import { callFaultArb, notificationFaultArb, type PaymentSpec, paymentSpecArb } from '../../arbitraries/index.js'
import { AbandonCommand } from './abandon.js'
import { AdvanceClockCommand } from './advance-clock.js'
import { CallFaultCommand } from './call-fault.js'
import { CancelCommand } from './cancel.js'
import { CaptureCommand } from './capture.js'
import type { ModelCommand } from './command.js'
import { Complete3dsCommand } from './complete-3ds.js'
import { type ConcurrentAction, ConcurrentCommand } from './concurrent.js'
import { CrashCommand } from './crash.js'
import { CreatePaymentCommand } from './create-payment.js'
import { DeliverNotificationsCommand } from './deliver-notifications.js'
import { EnterOtpCommand } from './enter-otp.js'
import { NotificationFaultCommand } from './notification-fault.js'
import { PayWalletCommand } from './pay-wallet.js'
import { RefundCommand } from './refund.js'

export { BaseCommand, type ModelCommand, restartAfterCrash } from './command.js'
export {
  AbandonCommand,
  AdvanceClockCommand,
  CallFaultCommand,
  CancelCommand,
  CaptureCommand,
  Complete3dsCommand,
  ConcurrentCommand,
  CrashCommand,
  CreatePaymentCommand,
  DeliverNotificationsCommand,
  EnterOtpCommand,
  NotificationFaultCommand,
  PayWalletCommand,
  RefundCommand,
}

const target = fc.nat({ max: 7 })

export interface CommandOptions {
  /** The payments merchants create (default: every kind). */
  readonly payments?: fc.Arbitrary<PaymentSpec>
  /** Crashes and restarts (default true). */
  readonly crashes?: boolean
  /** Concurrent handlers on one payment (default true). */
  readonly concurrency?: boolean
}

/** Every command, weighted so that flows go deep: payments first, then what merchants, buyers and the world do. */
export const paymentCommands = (options: CommandOptions = {}): Array<fc.Arbitrary<ModelCommand>> => {
  // Successful cards three times as often as each other kind: most of what merchants do follows an authorization.
  const kinds = ['cardSuccess', 'cardSuccess', 'cardSuccess', 'cardDecline', 'card3ds', 'otpWallet', 'wallet'] as const
  const create = (options.payments ?? paymentSpecArb({ kinds })).map((spec) => new CreatePaymentCommand(spec))
  const deliver = fc
    .constantFrom('all' as const, 'all' as const, 'firstOnly' as const, 'unacknowledged' as const)
    .map((mode) => new DeliverNotificationsCommand(mode))
  const arbs: Array<fc.Arbitrary<ModelCommand>> = [
    create,
    create,
    create,
    deliver,
    fc
      .tuple(target, fc.oneof(fc.constant(1000), fc.integer({ min: 1, max: 1200 })), fc.boolean(), fc.boolean())
      .map(([t, p, r, a]) => new CaptureCommand(t, p, r, a)),
    target.map((t) => new CancelCommand(t)),
    fc
      .tuple(target, fc.oneof(fc.constant(1000), fc.integer({ min: 1, max: 1200 })), fc.boolean(), fc.boolean())
      .map(([t, p, r, a]) => new RefundCommand(t, p, r, a)),
    fc
      .tuple(target, fc.constantFrom<'pass' | 'fail'>('pass', 'pass', 'fail'), fc.boolean())
      .map(([t, o, r]) => new Complete3dsCommand(t, o, r)),
    fc
      .tuple(target, fc.constantFrom<'pass' | 'fail' | 'pending'>('pass', 'pass', 'fail', 'pending'), fc.boolean())
      .map(([t, o, r]) => new PayWalletCommand(t, o, r)),
    fc.tuple(target, fc.boolean()).map(([t, right]) => new EnterOtpCommand(t, right)),
    target.map((t) => new AbandonCommand(t)),
    deliver,
    notificationFaultArb.map((fault) => new NotificationFaultCommand(fault)),
    callFaultArb(['pay', 'capture', 'refund', 'cancel', 'inquiryPayment', 'verifyAndCompletePayment']).map(
      (fault) => new CallFaultCommand(fault),
    ),
    fc.constantFrom(5_000, 61_000, 3 * 60_000, 20 * 60_000, 2 * 3_600_000).map((ms) => new AdvanceClockCommand(ms)),
  ]
  if (options.crashes !== false) {
    arbs.push(
      fc.constantFrom('now' as const, 'beforeCall' as const, 'afterCall' as const).map((w) => new CrashCommand(w)),
    )
  }
  if (options.concurrency !== false) {
    const actions = fc.uniqueArray(
      fc.constantFrom<ConcurrentAction>('customerReturned', 'capture', 'cancel', 'refund', 'relay', 'notifications'),
      { minLength: 2, maxLength: 4 },
    )
    arbs.push(fc.tuple(target, actions).map(([t, a]) => new ConcurrentCommand(t, a)))
  }
  return arbs
}
