import fc from 'fast-check'
import {
  callFaultArb,
  lateCallFaultArb,
  lyingNotificationArb,
  moneyFaultArb,
  notificationFaultArb,
  PAYMENT_KINDS,
  type PaymentKind,
  type PaymentSpec,
  paymentIdLieArb,
  paymentSpecArb,
} from '../../arbitraries/index.js'
import type { CallFault } from '../../simulator/faults.js'
import type { SimEndpoint } from '../../simulator/types.js'
import type { FaultedWrite, WriteFault } from '../write-faults.js'
import { AbandonCommand } from './abandon.js'
import { AdvanceClockCommand } from './advance-clock.js'
import { CallFaultCommand } from './call-fault.js'
import { CancelCommand } from './cancel.js'
import { CaptureCommand } from './capture.js'
import { captureToldFirstCommands } from './capture-told-first-mix.js'
import type { ModelCommand } from './command.js'
import { Complete3dsCommand } from './complete-3ds.js'
import { CONCURRENT_ACTIONS, ConcurrentCommand } from './concurrent.js'
import { CrashCommand } from './crash.js'
import { CreatePaymentCommand } from './create-payment.js'
import { CreateUnderStoreFaultCommand } from './create-under-store-fault.js'
import { CustomerReturnsCommand } from './customer-returns.js'
import { DeliverNotificationsCommand } from './deliver-notifications.js'
import { DoubleCreateCommand } from './double-create.js'
import { EnterOtpCommand } from './enter-otp.js'
import { ExternalRefundCommand } from './external-refund.js'
import { FaultedIntentCommand, type FaultTarget } from './faulted-intent.js'
import { HeldAnswerCommand } from './held-answer.js'
import { HeldCompletionCommand } from './held-completion.js'
import { ID_MODES } from './intents.js'
import { LandsAfterGivenUpCommand } from './lands-after-given-up.js'
import { latePathCommands } from './late-paths.js'
import { LostADayOnCommand } from './lost-a-day-on.js'
import { lostPaymentIdCommands } from './lost-payment-id-mix.js'
import { LostVerificationCommand } from './lost-verification.js'
import { NotificationFaultCommand } from './notification-fault.js'
import { type CheckoutPageChoice, PayOnCheckoutPageCommand } from './pay-on-checkout-page.js'
import { PayWalletCommand } from './pay-wallet.js'
import { RefundCommand } from './refund.js'
import { refusedCancelCommands } from './refused-cancel-mix.js'
import { RetryOrderCommand } from './retry-order.js'
import { RouteWebhookCommand } from './route-webhook.js'
import { SlowCallCommand } from './slow-call.js'
import { slowGatewayCommands } from './slow-gateway-mix.js'
import { type FaultedWork, StoreFaultCommand } from './store-fault.js'
import { SwitchMethodCommand } from './switch-method.js'
import { VerificationLandsLateCommand } from './verification-lands-late.js'

export { BaseCommand, type ModelCommand, restartAfterCrash } from './command.js'
export { CONCURRENT_ACTIONS, type ConcurrentAction } from './concurrent.js'
export { ID_MODES, type IdMode } from './intents.js'
export type { InquiriesLost } from './lands-after-given-up.js'
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
  CreateUnderStoreFaultCommand,
  CustomerReturnsCommand,
  DeliverNotificationsCommand,
  DoubleCreateCommand,
  EnterOtpCommand,
  ExternalRefundCommand,
  FaultedIntentCommand,
  HeldAnswerCommand,
  HeldCompletionCommand,
  LandsAfterGivenUpCommand,
  LostADayOnCommand,
  LostVerificationCommand,
  NotificationFaultCommand,
  PayOnCheckoutPageCommand,
  PayWalletCommand,
  RefundCommand,
  RetryOrderCommand,
  RouteWebhookCommand,
  SlowCallCommand,
  StoreFaultCommand,
  SwitchMethodCommand,
  VerificationLandsLateCommand,
}

const target = fc.nat({ max: 7 })
/** Every endpoint the flows call: faults hit each, before and after the gateway acts. */
const GATEWAY_ENDPOINTS: ReadonlyArray<SimEndpoint> = [
  'pay',
  'createPaymentSession',
  'capture',
  'refund',
  'cancel',
  'inquiryPayment',
  'verifyAndCompletePayment',
  'inquiryRefund',
]
const idMode = fc.constantFrom(...ID_MODES)

/** A capture or refund meeting a fault (or its refund inquiry meeting one), up to three times in a row. */
const faultedIntent = fc
  .record({
    kind: fc.constantFrom('capture' as const, 'refund' as const),
    fault: fc.constantFrom<CallFault>(
      { kind: 'timeoutBefore' },
      { kind: 'timeoutAfter' },
      { kind: 'dropConnection', when: 'before' },
      { kind: 'unsigned', when: 'before' },
      { kind: 'unsigned', when: 'after' },
    ),
    count: fc.constantFrom(1, 2, 3, 3),
    where: fc.constantFrom<FaultTarget>('call', 'call', 'inquiryRefund'),
    target,
  })
  .map(({ kind, fault, count, where, target: t }) => new FaultedIntentCommand(kind, fault, count, where, t))

export interface CommandOptions {
  /** The payments merchants create (default: every kind). */
  readonly payments?: fc.Arbitrary<PaymentSpec>
  /** Crashes and restarts (default true). */
  readonly crashes?: boolean
  /** Concurrent handlers on one payment (default true). */
  readonly concurrency?: boolean
  /** Requests that reach the gateway after the client gave up, delivered when time passes (default true). */
  readonly lateCalls?: boolean
  /**
   * Which mix of commands: every command (default), or `latePaths`: the paths the full mix reaches only now and then
   * (captures given up, sends that land after they were given up, pays that land after the payment closed); or
   * `slowGateway`: a gateway slower than the engine's leases (see `slowGatewayCommands`); or `lostPaymentIds`: a
   * paymentId only a lying notification told (see `lostPaymentIdCommands`); or `refusedCancels`: a cancel refused
   * because a capture given up had landed (see `refusedCancelCommands`); or `captureToldFirst`: a card's capture told
   * before the payment's own result, which the engine then asks for (see `captureToldFirstCommands`).
   */
  readonly focus?: CommandFocus
}

/** The mixes of commands `CommandOptions.focus` chooses among. */
export type CommandFocus =
  | 'everything'
  | 'latePaths'
  | 'slowGateway'
  | 'lostPaymentIds'
  | 'refusedCancels'
  | 'captureToldFirst'

/** Every command, weighted so that flows go deep: payments first, then what merchants, buyers and the world do. */
export const paymentCommands = (options: CommandOptions = {}): Array<fc.Arbitrary<ModelCommand>> => {
  if (options.focus === 'latePaths') return latePathCommands(options)
  if (options.focus === 'slowGateway') return slowGatewayCommands()
  if (options.focus === 'lostPaymentIds') return lostPaymentIdCommands()
  if (options.focus === 'refusedCancels') return refusedCancelCommands()
  if (options.focus === 'captureToldFirst') return captureToldFirstCommands()
  // Successful cards three times as often as each other kind: most of what merchants do follows an authorization.
  const kinds: ReadonlyArray<PaymentKind> = ['cardSuccess', 'cardSuccess', ...PAYMENT_KINDS]
  const create = (options.payments ?? paymentSpecArb({ kinds })).map((spec) => new CreatePaymentCommand(spec))
  // The buyer tries again: the same card, or a new choice; now and then the merchant replaces an open attempt.
  const retry = fc
    .tuple(target, paymentSpecArb({ kinds }), fc.boolean(), fc.boolean())
    .map(([t, spec, replaceOpen, sameCard]) => new RetryOrderCommand(t, spec, replaceOpen, sameCard))
  const switchMethod = fc
    .tuple(target, fc.constantFrom<'pass' | 'fail'>('pass', 'pass', 'fail'), fc.nat({ max: 40 }))
    .map(([t, o, d]) => new SwitchMethodCommand(t, o, d))
  const checkoutPage = fc
    .tuple(
      target,
      fc.constantFrom<CheckoutPageChoice>('card', 'card', 'decline', 'wallet', 'pending', 'leave'),
      fc.boolean(),
    )
    .map(([t, c, r]) => new PayOnCheckoutPageCommand(t, c, r))
  const deliver = fc
    .constantFrom('all' as const, 'together' as const, 'firstOnly' as const, 'unacknowledged' as const)
    .map((mode) => new DeliverNotificationsCommand(mode))
  const routeWebhook = fc.constantFrom('other' as const, 'this' as const).map((to) => new RouteWebhookCommand(to))
  const arbs: Array<fc.Arbitrary<ModelCommand>> = [
    create,
    create,
    create,
    deliver,
    fc
      .tuple(target, fc.oneof(fc.constant(1000), fc.integer({ min: 1, max: 1200 })), idMode, fc.boolean())
      .map(([t, p, m, a]) => new CaptureCommand(t, p, m, a)),
    target.map((t) => new CancelCommand(t)),
    fc
      .tuple(target, fc.oneof(fc.constant(1000), fc.integer({ min: 1, max: 1200 })), idMode, fc.boolean())
      .map(([t, p, m, a]) => new RefundCommand(t, p, m, a)),
    fc
      .tuple(target, fc.oneof(fc.constant(1000), fc.integer({ min: 1, max: 1200 })))
      .map(([t, p]) => new ExternalRefundCommand(t, p)),
    fc.tuple(target, fc.integer({ min: 2, max: 12 })).map(([t, n]) => new CustomerReturnsCommand(t, n)),
    fc
      .tuple(target, fc.constantFrom<'pass' | 'fail'>('pass', 'pass', 'fail'), fc.boolean())
      .map(([t, o, r]) => new Complete3dsCommand(t, o, r)),
    fc
      .tuple(target, fc.constantFrom<'pass' | 'fail' | 'pending'>('pass', 'pass', 'fail', 'pending'), fc.boolean())
      .map(([t, o, r]) => new PayWalletCommand(t, o, r)),
    checkoutPage,
    checkoutPage,
    fc.tuple(target, fc.boolean()).map(([t, right]) => new EnterOtpCommand(t, right)),
    fc
      .tuple(
        target,
        fc.constantFrom<CallFault>(
          { kind: 'timeoutBefore' },
          { kind: 'timeoutAfter' },
          { kind: 'dropConnection', when: 'before' },
          { kind: 'unknown' },
        ),
        fc.boolean(),
      )
      .map(([t, fault, right]) => new LostVerificationCommand(t, fault, right)),
    target.map((t) => new AbandonCommand(t)),
    retry,
    retry,
    switchMethod,
    switchMethod,
    deliver,
    notificationFaultArb.map((fault) => new NotificationFaultCommand(fault)),
    lyingNotificationArb.map((fault) => new NotificationFaultCommand(fault)),
    callFaultArb(GATEWAY_ENDPOINTS).map((fault) => new CallFaultCommand(fault)),
    paymentIdLieArb().map((fault) => new CallFaultCommand(fault)),
    moneyFaultArb.map((fault) => new CallFaultCommand(fault)),
    faultedIntent,
    faultedIntent,
    fc
      .tuple(
        fc.constantFrom<FaultedWork>('capture', 'refund', 'refund', 'deliver', 'relay'),
        fc.constantFrom<WriteFault>('beforeWrite', 'answerLost'),
        target,
      )
      .map(([work, fault, t]) => new StoreFaultCommand(work, fault, t)),
    fc
      .tuple(
        options.payments ?? paymentSpecArb({ kinds }),
        fc.constantFrom<FaultedWrite>('create', 'commit'),
        fc.constantFrom<WriteFault>('beforeWrite', 'answerLost'),
        fc.constantFrom<'same' | 'other' | 'both' | 'never'>('same', 'other', 'both', 'never'),
      )
      .map(([spec, write, fault, retry]) => new CreateUnderStoreFaultCommand(spec, write, fault, retry)),
    (options.payments ?? paymentSpecArb({ kinds })).map((spec) => new DoubleCreateCommand(spec)),
    fc.constantFrom(5_000, 61_000, 3 * 60_000, 20 * 60_000, 2 * 3_600_000).map((ms) => new AdvanceClockCommand(ms)),
    routeWebhook,
  ]
  if (options.lateCalls !== false) {
    const late = lateCallFaultArb.map((fault) => new CallFaultCommand(fault))
    arbs.push(late, late, late)
  }
  if (options.crashes !== false) {
    arbs.push(
      fc.constantFrom('now' as const, 'beforeCall' as const, 'afterCall' as const).map((w) => new CrashCommand(w)),
    )
  }
  if (options.concurrency !== false) {
    const actions = fc.uniqueArray(fc.constantFrom(...CONCURRENT_ACTIONS), { minLength: 2, maxLength: 4 })
    const concurrent = fc.tuple(target, actions).map(([t, a]) => new ConcurrentCommand(t, a))
    arbs.push(concurrent, concurrent)
  }
  return arbs
}
