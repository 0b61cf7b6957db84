import { and, assign, type ExecutableActionObject, enqueueActions, not, setup } from 'xstate'
import type { Command } from './commands.js'
import type { PaymentContext, PaymentInput } from './context.js'
import type * as d from './decisions.js'
import type { PaymentEvent } from './events.js'
import * as g from './guards.js'
import { INERT_CONTEXT, initialContext } from './initial-context.js'
import { DECISIONS, decideInOrder, EMITS, type StepName, UPDATES } from './steps.js'

type Args = { context: PaymentContext; event: PaymentEvent }
type CommandAction = { type: 'command'; params: Command }
type Emitter = (args: Args) => ReadonlyArray<Command>

const guard =
  (predicate: (context: PaymentContext, event: PaymentEvent) => boolean) =>
  ({ context, event }: Args) =>
    predicate(context, event)

const assigning = (updater: (context: PaymentContext, event: PaymentEvent) => Partial<PaymentContext>) =>
  assign<PaymentContext, PaymentEvent, undefined, PaymentEvent, never>(({ context, event }) => updater(context, event))

/** Wraps a pure decision: its context update is assigned, its commands leave as `command` actions, in order. */
const emitting = (decide: (context: PaymentContext, event: PaymentEvent) => d.Decision) =>
  enqueueActions<PaymentContext, PaymentEvent, undefined, PaymentEvent, never, CommandAction, never, never, never>(
    ({ context, event, enqueue }) => {
      const decision = decide(context, event)
      if (decision.update !== undefined) enqueue.assign(decision.update)
      for (const command of decision.commands) enqueue({ type: 'command', params: command })
    },
  )

const emitters = new WeakSet<Emitter>()

/**
 * Wraps a decision that never changes the context as a plain action, which xstate hands to the step's executor with
 * the context as of its place in the transition: the executor runs it and collects what it returns
 * (`emittedCommands`). Cheaper than `emitting`, which resolves a nested action list for every call.
 */
const emits = (decide: d.Emit): Emitter => {
  const action: Emitter = ({ context, event }) => decide(context, event)
  emitters.add(action)
  return action
}

/** The commands an action the machine executed stands for: a `command` action's, or what an `emits` action returns. */
export const emittedCommands = (action: ExecutableActionObject): ReadonlyArray<Command> => {
  if (action.type === 'command') return [action.params as Command]
  const exec = action.exec as Emitter | undefined
  return exec !== undefined && emitters.has(exec) ? exec(action.info as unknown as Args) : []
}

const each = <T extends Record<string, unknown>, A>(table: T, wrap: (implementation: T[keyof T]) => A) =>
  Object.fromEntries(
    Object.entries(table).map(([name, implementation]) => [name, wrap(implementation as T[keyof T])]),
  ) as {
    readonly [K in keyof T]: A
  }

/** A transition's steps, run as one action: `actions: inOrder('recordFailure', 'publishFailed')`. */
export const inOrder = (...steps: ReadonlyArray<StepName>) => ({ type: 'inOrder', params: steps }) as const

export const paymentSetup = setup({
  types: {
    context: {} as PaymentContext,
    events: {} as PaymentEvent,
    input: {} as PaymentInput,
  },
  guards: {
    isCheckoutSession: guard(g.isCheckoutSession),
    paymentSucceeded: guard(g.paymentSucceeded),
    paymentFailed: guard(g.paymentFailed),
    answeredS: guard(g.answeredWith('S')),
    answeredF: guard(g.answeredWith('F')),
    answeredU: guard(g.answeredWith('U')),
    capturedWithPayment: guard(g.capturedWithPayment),
    awaitsManualCapture: guard(g.awaitsManualCapture),
    needsRedirect: guard(g.needsRedirect),
    needsOtp: guard(g.needsOtp),
    inProcessWithoutAction: guard(g.inProcessWithoutAction),
    otpCanBeRetried: guard(g.otpCanBeRetried),
    answersCurrentVerify: guard(g.answersCurrentVerify),
    payUnanswered: guard(g.unanswered('pay')),
    sessionUnanswered: guard(g.unanswered('createPaymentSession')),
    inquiryUnanswered: guard(g.unanswered('inquiryPayment')),
    answersOutstandingPay: guard(g.answersOutstandingPay),
    captureUnanswered: guard(g.unanswered('capture')),
    cancelUnanswered: guard(g.unanswered('cancel')),
    refundUnanswered: guard(g.unanswered('refund')),
    refundInquiryUnanswered: guard(g.unanswered('inquiryRefund')),
    expiryFired: guard(g.timerIs('paymentExpiry')),
    reconcileFired: guard(g.timerIs('reconcile')),
    refundReconcileFired: guard(g.timerIs('refundReconcile')),
    captureDeadlineFired: guard(g.timerIs('captureDeadline')),
    gatewayCancelled: guard(g.gatewayCancelled),
    gatewayStillProcessing: guard(g.gatewayStillProcessing),
    canResubmit: guard(g.canResubmit),
    beforeExpiry: guard(g.beforeExpiry),
    orderNotFound: guard(g.orderNotFound),
    captureUnseen: guard(g.captureUnseen),
    canResendCapture: guard(g.canResendCapture),
    captureSucceeded: guard(g.captureSucceeded),
    captureFailed: guard(g.captureFailed),
    captureIsDuplicate: guard(g.captureIsDuplicate),
    captureIsValid: guard(g.captureIsValid),
    refundIsDuplicate: guard(g.refundIsDuplicate),
    refundIsValid: guard(g.refundIsValid),
    settlesPendingRefund: guard(g.settlesPendingRefund),
    contradictsSettledRefund: guard(g.contradictsSettledRefund),
    completesRefunds: guard(g.completesRefunds),
    hasPendingRefunds: guard(g.hasPendingRefunds),
    cancelledForExpiry: guard(g.cancelledForExpiry),
    cancelledByMerchant: guard(g.cancelledByMerchant),
  },
  actions: {
    /** Every decision leaves the machine through this action, as data; the engine executes it, the machine never does. */
    command: (_: unknown, _command: Command) => {},
    /** Several steps in order, as one action: one context update for all of them (see `decideInOrder`). */
    inOrder: enqueueActions<
      PaymentContext,
      PaymentEvent,
      ReadonlyArray<StepName>,
      PaymentEvent,
      never,
      CommandAction,
      never,
      never,
      never
    >(({ context, event, enqueue }, steps) => {
      const decision = decideInOrder(steps, context, event)
      if (decision.update !== undefined) enqueue.assign(decision.update)
      for (const command of decision.commands) enqueue({ type: 'command', params: command })
    }),
    ...each(UPDATES, assigning),
    ...each(DECISIONS, emitting),
    ...each(EMITS, emits),
  },
})

/** The three places a payment goes when the gateway says it is paid. */
const onPaymentSuccess = [
  {
    guard: and(['paymentSucceeded', 'capturedWithPayment']),
    target: '#payment.captured',
    actions: inOrder(
      'releasePay',
      'recordPaymentSuccess',
      'recordCaptureSucceeded',
      'checkAgreement',
      'publishSucceeded',
    ),
  },
  {
    guard: and(['paymentSucceeded', 'awaitsManualCapture']),
    target: '#payment.authorized',
    actions: inOrder('releasePay', 'recordPaymentSuccess', 'checkAgreement', 'publishAuthorized'),
  },
  {
    guard: 'paymentSucceeded',
    target: '#payment.capturing',
    actions: inOrder(
      'releasePay',
      'recordPaymentSuccess',
      'recordAutomaticCapturePending',
      'checkAgreement',
      'publishSucceeded',
    ),
  },
] as const

/** What a capture's outcome does to a payment still capturing: captured, or back to authorized. */
const onCaptureOutcome = [
  {
    guard: 'captureSucceeded',
    target: '#payment.captured',
    actions: inOrder('recordCaptureSucceeded', 'checkAgreement'),
  },
  {
    guard: 'captureFailed',
    target: '#payment.authorized',
    actions: inOrder('recordCaptureFailed', 'publishCaptureFailed'),
  },
] as const

/** Publishing reads the refund while it is still pending, so it runs before the outcome is recorded. */
const onRefundOutcome = [
  {
    guard: 'completesRefunds',
    target: '#payment.refunded',
    actions: inOrder('publishRefundOutcome', 'recordRefundOutcome'),
  },
  { guard: 'settlesPendingRefund', actions: inOrder('publishRefundOutcome', 'recordRefundOutcome') },
  { guard: 'contradictsSettledRefund', actions: 'reportOutcomeConflict' },
] as const

const toFailed = { target: '#payment.failed', actions: inOrder('releasePay', 'recordFailure') } as const
/** Expiring and cancelling hold their call while the pay is outstanding: a refused pay has nothing to close. */
const refusedPayFails = { guard: and(['answersOutstandingPay', 'answeredF']), ...toFailed } as const
/** Otherwise the pay's answer, or the lack of one, sends the held call. */
const sendHeldInquiry = {
  guard: 'answersOutstandingPay',
  actions: inOrder('releasePay', 'countInquiry', 'callInquiry'),
} as const
const sendHeldCancel = { guard: 'answersOutstandingPay', actions: inOrder('releasePay', 'callCancel') } as const
const staleAnswerIgnored = { actions: inOrder('releasePay', 'recordIgnored') } as const
/** A capture repeated under the request id that already captured is answered again; any other is refused. */
const captureAfterCapture = [
  { guard: 'captureIsDuplicate', actions: 'recordDuplicate' },
  { actions: 'recordRejected' },
] as const

/** In a settled state, a report of the opposite outcome is a conflict, anything else is noise. */
const conflictIfPaymentFailed = [{ guard: 'paymentFailed', actions: 'reportOutcomeConflict' }] as const
const conflictIfPaymentSucceeded = [{ guard: 'paymentSucceeded', actions: 'reportOutcomeConflict' }] as const

export const paymentMachine = paymentSetup.createMachine({
  id: 'payment',
  // XState's pure transition() builds a throwaway actor, without input, on every call: answer it cheaply.
  context: ({ input }) => (input === undefined ? INERT_CONTEXT : initialContext(input)),
  initial: 'draft',
  on: {
    // An answer to the pay wherever no state takes it still says that the pay is no longer outstanding.
    PAY_ANSWERED: { actions: inOrder('releasePay', 'recordIgnored') },
    SESSION_ANSWERED: { actions: inOrder('releasePay', 'recordIgnored') },
    GATEWAY_UNANSWERED: { actions: inOrder('releasePay', 'recordIgnored') },
    '*': { actions: 'recordIgnored' },
  },
  states: {
    draft: {
      on: {
        SUBMIT: [
          {
            guard: 'isCheckoutSession',
            target: 'pending',
            actions: inOrder('startSubmission', 'callCreateSession', 'scheduleExpiry'),
          },
          { target: 'pending', actions: inOrder('startSubmission', 'callPay', 'scheduleExpiry') },
        ],
        CANCEL: { target: 'cancelled', actions: 'cancelForMerchant' },
      },
    },
    pending: {
      initial: 'submitting',
      exit: ['cancelExpiryTimer', 'cancelReconcileTimer'],
      on: {
        PAY_ANSWERED: [
          ...onPaymentSuccess,
          {
            guard: 'needsRedirect',
            target: '.awaitingCustomer',
            actions: inOrder('releasePay', 'recordCustomerAction', 'publishCustomerAction'),
          },
          {
            guard: 'needsOtp',
            target: '.awaitingOtp',
            actions: inOrder('releasePay', 'recordCustomerAction', 'publishCustomerAction'),
          },
          {
            guard: 'inProcessWithoutAction',
            target: '#payment.failed',
            actions: inOrder('releasePay', 'recordNoActionReturned'),
          },
          { guard: 'answeredF', ...toFailed },
          { target: '.reconciling', actions: 'releasePay' },
        ],
        VERIFY_ANSWERED: [...onPaymentSuccess],
        PAYMENT_NOTIFIED: [...onPaymentSuccess, { guard: 'paymentFailed', ...toFailed }],
        CAPTURE_NOTIFIED: onPaymentSuccess[0],
        INQUIRY_ANSWERED: [
          ...onPaymentSuccess,
          { guard: 'paymentFailed', ...toFailed },
          { guard: 'gatewayCancelled', target: '#payment.cancelled', actions: 'cancelledByGateway' },
          { guard: 'gatewayStillProcessing' },
        ],
        GATEWAY_UNANSWERED: { guard: 'inquiryUnanswered' },
        CUSTOMER_RETURNED: { actions: inOrder('countInquiry', 'callInquiry') },
        CANCEL: { target: '#payment.cancelling', actions: 'cancelForMerchant' },
        TIMER_FIRED: [
          { guard: 'expiryFired', target: '.expiring' },
          { guard: 'reconcileFired', actions: inOrder('countInquiry', 'callInquiry', 'scheduleReconcile') },
        ],
      },
      states: {
        submitting: {
          on: {
            SESSION_ANSWERED: [
              {
                guard: 'answeredS',
                target: 'awaitingCustomer',
                actions: inOrder('releasePay', 'recordCustomerAction', 'publishCustomerAction'),
              },
              toFailed,
            ],
            GATEWAY_UNANSWERED: [
              { guard: 'payUnanswered', target: 'reconciling', actions: 'releasePay' },
              {
                guard: 'sessionUnanswered',
                target: '#payment.failed',
                actions: inOrder('releasePay', 'recordSessionUnanswered'),
              },
            ],
          },
        },
        awaitingCustomer: {
          entry: 'scheduleReconcile',
        },
        awaitingOtp: {
          on: {
            OTP_SUBMITTED: { target: 'verifyingOtp', actions: inOrder('recordOtpSubmitted', 'callVerify') },
          },
        },
        verifyingOtp: {
          on: {
            VERIFY_ANSWERED: [
              { guard: not('answersCurrentVerify'), actions: 'recordIgnored' },
              ...onPaymentSuccess,
              {
                guard: 'otpCanBeRetried',
                target: 'awaitingOtp',
                actions: inOrder('recordOtpRejected', 'publishOtpRetry'),
              },
              { guard: 'answeredF', ...toFailed },
              { target: 'reconciling' },
            ],
            GATEWAY_UNANSWERED: { guard: 'answersCurrentVerify', target: 'reconciling' },
          },
        },
        reconciling: {
          entry: 'scheduleReconcile',
          on: {
            INQUIRY_ANSWERED: [
              { guard: 'canResubmit', target: 'submitting', actions: inOrder('countPayAttempt', 'callPay') },
              // The gateway never saw the pay, none is in flight, and none may be sent past the expiry.
              { guard: and(['orderNotFound', not('beforeExpiry')]), target: '#payment.expired' },
            ],
          },
        },
        expiring: {
          entry: inOrder('countInquiry', 'callInquiry'),
          on: {
            // The expiry fired while the pay was outstanding, so the closing inquiry was held until now: a success
            // settles it, a refusal fails it, anything else sends the inquiry.
            // An answer to a pay no longer outstanding (its absence was already reported) says nothing new: the
            // closing inquiry is out. Left to `pending`, a U answer would move the payment back to reconciling.
            PAY_ANSWERED: [...onPaymentSuccess, refusedPayFails, sendHeldInquiry, staleAnswerIgnored],
            SESSION_ANSWERED: [refusedPayFails, sendHeldInquiry, staleAnswerIgnored],
            INQUIRY_ANSWERED: [
              ...onPaymentSuccess,
              { guard: 'paymentFailed', target: '#payment.expired' },
              { guard: 'gatewayCancelled', target: '#payment.expired' },
              // The gateway has no such payment: nothing to cancel.
              { guard: 'orderNotFound', target: '#payment.expired' },
              { guard: 'gatewayStillProcessing', target: '#payment.cancelling', actions: 'cancelForExpiry' },
              // A U answer (or anything it cannot read) tells nothing: ask again, backing off.
              { actions: 'scheduleReconcile' },
            ],
            GATEWAY_UNANSWERED: [{ guard: 'inquiryUnanswered', actions: 'scheduleReconcile' }, sendHeldInquiry],
            TIMER_FIRED: [
              { guard: 'reconcileFired', actions: inOrder('countInquiry', 'callInquiry') },
              { guard: 'expiryFired' },
            ],
          },
        },
      },
    },
    authorized: {
      entry: 'scheduleCaptureDeadline',
      exit: 'cancelCaptureDeadlineTimer',
      on: {
        CAPTURE: [
          { guard: 'captureIsDuplicate', actions: 'recordDuplicate' },
          { guard: 'captureIsValid', target: 'capturing', actions: inOrder('recordCaptureRequested', 'callCapture') },
          { actions: 'recordRejected' },
        ],
        CAPTURE_NOTIFIED: {
          guard: 'captureSucceeded',
          target: 'captured',
          actions: inOrder('recordCaptureSucceeded', 'checkAgreement'),
        },
        CANCEL: { target: 'cancelling', actions: 'cancelForMerchant' },
        TIMER_FIRED: { guard: 'captureDeadlineFired', target: 'cancelling', actions: 'cancelForCaptureDeadline' },
        PAYMENT_NOTIFIED: conflictIfPaymentFailed,
        INQUIRY_ANSWERED: conflictIfPaymentFailed,
      },
    },
    capturing: {
      entry: ['scheduleReconcile', 'keepCaptureDeadline'],
      exit: ['cancelReconcileTimer', 'cancelCaptureDeadlineTimer'],
      on: {
        CAPTURE_ANSWERED: [...onCaptureOutcome, { guard: 'answeredU' }],
        CAPTURE_NOTIFIED: onCaptureOutcome,
        INQUIRY_ANSWERED: [
          ...onCaptureOutcome,
          { guard: 'paymentFailed', actions: 'reportOutcomeConflict' },
          // Paid, and no capture at all: the capture never reached the gateway. Sent again under its request id.
          { guard: and(['captureUnseen', 'canResendCapture']), actions: inOrder('countCaptureAttempt', 'callCapture') },
          { guard: 'answeredS' },
        ],
        GATEWAY_UNANSWERED: [{ guard: 'captureUnanswered' }, { guard: 'inquiryUnanswered' }],
        TIMER_FIRED: [
          { guard: 'reconcileFired', actions: inOrder('countInquiry', 'callInquiry', 'scheduleReconcile') },
          // Still unconfirmed at the capture deadline: the authorization lapses, so it is released, as in authorized.
          { guard: 'captureDeadlineFired', target: 'cancelling', actions: 'cancelForCaptureDeadline' },
        ],
        CAPTURE: captureAfterCapture,
        PAYMENT_NOTIFIED: conflictIfPaymentFailed,
      },
    },
    captured: {
      entry: 'publishReadyToShip',
      on: {
        CAPTURE: captureAfterCapture,
        REFUND: [
          { guard: 'refundIsDuplicate', actions: 'recordDuplicate' },
          { guard: 'refundIsValid', actions: inOrder('recordRefundRequested', 'callRefund') },
          { actions: 'recordRejected' },
        ],
        REFUND_ANSWERED: [...onRefundOutcome, { guard: 'answeredU', actions: 'scheduleRefundReconcile' }],
        REFUND_NOTIFIED: onRefundOutcome,
        REFUND_INQUIRY_ANSWERED: onRefundOutcome,
        GATEWAY_UNANSWERED: [
          { guard: 'refundUnanswered', actions: 'scheduleRefundReconcile' },
          { guard: 'refundInquiryUnanswered' },
        ],
        TIMER_FIRED: {
          guard: and(['refundReconcileFired', 'hasPendingRefunds']),
          actions: inOrder('countRefundInquiry', 'callRefundInquiries', 'scheduleRefundReconcile'),
        },
        PAYMENT_NOTIFIED: conflictIfPaymentFailed,
        INQUIRY_ANSWERED: conflictIfPaymentFailed,
        CAPTURE_NOTIFIED: { guard: 'captureFailed', actions: 'reportOutcomeConflict' },
      },
    },
    refunded: {
      entry: 'cancelRefundReconcileTimer',
      on: {
        REFUND: [{ guard: 'refundIsDuplicate', actions: 'recordDuplicate' }, { actions: 'recordRejected' }],
        CAPTURE: captureAfterCapture,
        REFUND_ANSWERED: { guard: 'contradictsSettledRefund', actions: 'reportOutcomeConflict' },
        REFUND_NOTIFIED: { guard: 'contradictsSettledRefund', actions: 'reportOutcomeConflict' },
        REFUND_INQUIRY_ANSWERED: { guard: 'contradictsSettledRefund', actions: 'reportOutcomeConflict' },
        PAYMENT_NOTIFIED: conflictIfPaymentFailed,
      },
    },
    cancelling: {
      entry: 'callCancel',
      exit: 'cancelReconcileTimer',
      on: {
        CANCEL_ANSWERED: [
          { guard: and(['answeredS', 'cancelledForExpiry']), target: 'expired' },
          { guard: 'answeredS', target: 'cancelled' },
          // The gateway has no such payment: nothing was ever paid. It expired, or the merchant's cancel stands.
          { guard: and(['orderNotFound', 'cancelledForExpiry']), target: 'expired' },
          { guard: and(['orderNotFound', 'cancelledByMerchant']), target: 'cancelled' },
          { guard: 'answeredF', target: '#payment.pending.reconciling' },
          { actions: 'scheduleReconcile' },
        ],
        // The cancel was held while the pay was outstanding: a refused pay has nothing to cancel; otherwise it goes now.
        PAY_ANSWERED: [refusedPayFails, sendHeldCancel],
        SESSION_ANSWERED: [refusedPayFails, sendHeldCancel],
        GATEWAY_UNANSWERED: [{ guard: 'cancelUnanswered', actions: 'scheduleReconcile' }, sendHeldCancel],
        TIMER_FIRED: { guard: 'reconcileFired', actions: 'callCancel' },
        CANCEL: { actions: 'recordDuplicate' },
      },
    },
    cancelled: {
      entry: 'publishCancelled',
      on: {
        CANCEL: { actions: 'recordDuplicate' },
        PAY_ANSWERED: conflictIfPaymentSucceeded,
        PAYMENT_NOTIFIED: conflictIfPaymentSucceeded,
        INQUIRY_ANSWERED: conflictIfPaymentSucceeded,
        CAPTURE_NOTIFIED: conflictIfPaymentSucceeded,
      },
    },
    failed: {
      entry: 'publishFailed',
      on: {
        PAY_ANSWERED: conflictIfPaymentSucceeded,
        VERIFY_ANSWERED: conflictIfPaymentSucceeded,
        PAYMENT_NOTIFIED: conflictIfPaymentSucceeded,
        INQUIRY_ANSWERED: conflictIfPaymentSucceeded,
        CAPTURE_NOTIFIED: conflictIfPaymentSucceeded,
      },
    },
    expired: {
      entry: 'publishExpired',
      on: {
        PAY_ANSWERED: conflictIfPaymentSucceeded,
        PAYMENT_NOTIFIED: conflictIfPaymentSucceeded,
        INQUIRY_ANSWERED: conflictIfPaymentSucceeded,
        CAPTURE_NOTIFIED: conflictIfPaymentSucceeded,
      },
    },
  },
})
