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
    hasRefundsToInquire: guard(g.hasRefundsToInquire),
    cancelledForExpiry: guard(g.cancelledForExpiry),
    cancelledByMerchant: guard(g.cancelledByMerchant),
    reportDisagrees: guard(g.reportDisagrees),
    hasOpenConflict: guard(g.hasOpenConflict),
    heldByConflict: guard(g.heldByConflict),
    refundHeldByConflict: guard(g.refundHeldByConflict),
    refundUnknownAtGateway: guard(g.refundUnknownAtGateway),
    refundOverCapture: guard(g.refundOverCapture),
    canResendRefund: guard(g.canResendRefund),
    externalRefund: guard(g.externalRefund),
    awaitsExternalConfirmation: guard(g.awaitsExternalConfirmation),
    confirmsExternalRefund: guard(g.confirmsExternalRefund),
    mayInquireForCustomer: guard(g.mayInquireForCustomer),
    lateResultAfterCancel: guard(g.lateResultAfterCancel),
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

type Steps = ReturnType<typeof inOrder>
interface Transition {
  readonly guard?: unknown
  readonly target?: string
  readonly actions?: StepName | Steps
}

const stepsOf = (actions: Transition['actions']): ReadonlyArray<StepName> =>
  actions === undefined ? [] : typeof actions === 'string' ? [actions] : actions.params

/** The same transitions, each running `steps` before its own. */
const first = <const T extends Transition>(steps: ReadonlyArray<StepName>, transitions: ReadonlyArray<T>) =>
  transitions.map((t) => ({ ...t, actions: inOrder(...steps, ...stepsOf(t.actions)) }))

/** The three places a payment goes when the gateway says it is paid (its facts already checked to agree). */
const toCapturedWithPayment = {
  guard: and(['paymentSucceeded', 'capturedWithPayment']),
  target: '#payment.captured',
  actions: inOrder('releasePay', 'recordPaymentSuccess', 'recordCaptureSucceeded', 'publishSucceeded'),
} as const
const onPaymentSuccess = [
  toCapturedWithPayment,
  {
    guard: and(['paymentSucceeded', 'awaitsManualCapture']),
    target: '#payment.authorized',
    actions: inOrder('releasePay', 'recordPaymentSuccess', 'publishAuthorized'),
  },
  {
    guard: 'paymentSucceeded',
    target: '#payment.capturing',
    actions: inOrder('releasePay', 'recordPaymentSuccess', 'recordAutomaticCapturePending', 'publishSucceeded'),
  },
] as const

/**
 * Facts that are not this payment's (amount, currency, paymentId) hold the payment where it is: the conflict is
 * recorded and published, and an inquiry is scheduled, whose agreeing answer resolves it.
 */
const holdInPlace = {
  guard: 'reportDisagrees',
  actions: inOrder('releasePay', 'releaseInquiry', 'reportDisagreement', 'scheduleReconcile'),
} as const
/** An answer to our own pay or verification that disagrees: the outcome is unknown, as after a timeout. */
const holdReconciling = {
  guard: 'reportDisagrees',
  target: '#payment.pending.reconciling',
  actions: inOrder('releasePay', 'reportDisagreement'),
} as const
/** Where nothing is left to inquire about: the disagreement is recorded and published, nothing else. */
const reportOnly = {
  guard: 'reportDisagrees',
  actions: inOrder('releasePay', 'releaseInquiry', 'reportDisagreement'),
} as const
/** While a conflict is open, only an inquiry decides: other reports are recorded, not applied. */
const heldByConflict = { guard: 'heldByConflict', actions: inOrder('releasePay', 'recordIgnored') } as const
const holdRefund = {
  guard: 'reportDisagrees',
  actions: inOrder('reportDisagreement', 'scheduleRefundReconcile'),
} as const
const refundHeldByConflict = { guard: 'refundHeldByConflict', actions: 'recordIgnored' } as const

/** An inquiry's answer: no longer in flight; and, its facts agreeing, it resolves what was open. */
const inquiry = <const T extends Transition>(transitions: ReadonlyArray<T>) =>
  first(['releaseInquiry', 'adoptAnsweredPaymentId', 'resolvePaymentConflicts'], transitions)
const inquiryIgnored = { actions: inOrder('releaseInquiry', 'recordIgnored') } as const

/** What a capture's outcome does to a payment still capturing: captured, or back to authorized. */
const onCaptureOutcome = [
  { guard: 'captureSucceeded', target: '#payment.captured', actions: 'recordCaptureSucceeded' },
  {
    guard: 'captureFailed',
    target: '#payment.authorized',
    actions: inOrder('recordCaptureFailed', 'publishCaptureFailed'),
  },
] as const

/** Publishing reads the refund while it is still pending, so it runs before the outcome is recorded. */
const onRefundOutcome = [
  // Never more refunded than captured: a success that would go past it is held as a conflict.
  { guard: 'refundOverCapture', actions: 'reportRefundExceedsCaptured' },
  {
    guard: 'completesRefunds',
    target: '#payment.refunded',
    actions: inOrder('publishRefundOutcome', 'recordRefundOutcome'),
  },
  { guard: 'settlesPendingRefund', actions: inOrder('publishRefundOutcome', 'recordRefundOutcome') },
  { guard: 'contradictsSettledRefund', actions: 'reportOutcomeConflict' },
] as const

/**
 * A refund made in the gateway's dashboard, reported before this payment knows it captured: not taken yet, so the
 * gateway delivers it again (the capture's own report is on its way).
 */
const deferExternalRefund = { guard: 'externalRefund', actions: 'deferNotification' } as const

/**
 * A refund made in the gateway's dashboard: recorded pending and asked about; it counts once the gateway's answer to
 * the inquiry agrees with the report before it (a report meanwhile only waits). One that would take refunds past the
 * capture is then a conflict.
 */
const onExternalRefund = [
  { guard: 'externalRefund', actions: 'recordExternalRefund' },
  { guard: 'awaitsExternalConfirmation', actions: 'recordIgnored' },
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
const conflictIfPaymentFailed = [reportOnly, { guard: 'paymentFailed', actions: 'reportOutcomeConflict' }] as const
const conflictIfPaymentSucceeded = [
  reportOnly,
  { guard: 'paymentSucceeded', actions: 'reportOutcomeConflict' },
] as const
/** After a cancel the gateway confirmed, a success it sent before is the expected race: the cancel released it. */
const conflictUnlessLate = [
  reportOnly,
  { guard: 'lateResultAfterCancel', actions: 'recordIgnored' },
  { guard: 'paymentSucceeded', actions: 'reportOutcomeConflict' },
] as const
/** A late answer to the pay or a verification, once settled: held if it disagrees, noise otherwise. */
const lateAnswers = {
  PAY_ANSWERED: [holdInPlace, staleAnswerIgnored],
  VERIFY_ANSWERED: [holdInPlace, { actions: 'recordIgnored' }],
} as const

/** A settled payment inquires again while a conflict is open, until an agreeing answer resolves it. */
const reconcileConflict = {
  guard: and(['reconcileFired', 'hasOpenConflict']),
  actions: inOrder('countInquiry', 'callInquiry', 'scheduleReconcile'),
} as const
/** An inquiry while settled and paid: agreeing, it resolves the open conflicts; reporting a failure, it is one. */
const settledInquiry = (afterResolving: ReadonlyArray<StepName>) =>
  [
    holdInPlace,
    { guard: 'paymentFailed', actions: inOrder('releaseInquiry', 'reportOutcomeConflict') },
    ...inquiry([{ guard: 'paymentSucceeded', actions: inOrder(...afterResolving) }]),
    inquiryIgnored,
  ] as const

export const paymentMachine = paymentSetup.createMachine({
  id: 'payment',
  // XState's pure transition() builds a throwaway actor, without input, on every call: answer it cheaply.
  context: ({ input }) => (input === undefined ? INERT_CONTEXT : initialContext(input)),
  initial: 'draft',
  on: {
    // An answer to the pay wherever no state takes it still says that the pay is no longer outstanding.
    PAY_ANSWERED: [reportOnly, staleAnswerIgnored],
    SESSION_ANSWERED: staleAnswerIgnored,
    GATEWAY_UNANSWERED: { actions: inOrder('releasePay', 'releaseInquiry', 'recordIgnored') },
    INQUIRY_ANSWERED: [reportOnly, inquiryIgnored],
    PAYMENT_NOTIFIED: [reportOnly, { actions: 'recordIgnored' }],
    CAPTURE_NOTIFIED: [reportOnly, { actions: 'recordIgnored' }],
    REFUND_NOTIFIED: [
      { guard: 'externalRefund', actions: 'reportRefundExceedsCaptured' },
      { actions: 'recordIgnored' },
    ],
    // A customer coming back to a payment with nothing left to ask changes nothing, and nothing is written.
    CUSTOMER_RETURNED: {},
    // Merchant intents that the payment's state does not take are refused, with the reason.
    SUBMIT: { actions: 'recordRejected' },
    OTP_SUBMITTED: { actions: 'recordRejected' },
    CAPTURE: { actions: 'recordRejected' },
    CANCEL: { actions: 'recordRejected' },
    REFUND: { actions: 'recordRejected' },
    ACKNOWLEDGE_CONFLICTS: [
      { guard: 'hasOpenConflict', actions: 'acknowledgeConflicts' },
      { actions: 'recordRejected' },
    ],
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
          holdReconciling,
          heldByConflict,
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
        VERIFY_ANSWERED: [holdInPlace, heldByConflict, ...onPaymentSuccess],
        PAYMENT_NOTIFIED: [holdInPlace, heldByConflict, ...onPaymentSuccess, { guard: 'paymentFailed', ...toFailed }],
        CAPTURE_NOTIFIED: [holdInPlace, heldByConflict, toCapturedWithPayment],
        INQUIRY_ANSWERED: [
          holdInPlace,
          ...inquiry([
            ...onPaymentSuccess,
            { guard: 'paymentFailed', ...toFailed },
            { guard: 'gatewayCancelled', target: '#payment.cancelled', actions: 'cancelledByGateway' },
            { guard: 'gatewayStillProcessing' },
          ]),
          inquiryIgnored,
        ],
        GATEWAY_UNANSWERED: { guard: 'inquiryUnanswered', actions: 'releaseInquiry' },
        REFUND_NOTIFIED: deferExternalRefund,
        CUSTOMER_RETURNED: { guard: 'mayInquireForCustomer', actions: inOrder('countInquiry', 'callInquiry') },
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
              { ...holdReconciling, target: 'reconciling' },
              { ...heldByConflict, target: 'reconciling' },
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
            INQUIRY_ANSWERED: inquiry([
              { guard: 'canResubmit', target: 'submitting', actions: inOrder('countPayAttempt', 'callPay') },
              // The gateway never saw the pay, none is in flight, and none may be sent past the expiry.
              { guard: and(['orderNotFound', not('beforeExpiry')]), target: '#payment.expired' },
            ]),
          },
        },
        expiring: {
          entry: inOrder('countInquiry', 'callInquiry'),
          on: {
            // The expiry fired while the pay was outstanding, so the closing inquiry was held until now: a success
            // settles it, a refusal fails it, anything else sends the inquiry.
            // An answer to a pay no longer outstanding (its absence was already reported) says nothing new: the
            // closing inquiry is out. Left to `pending`, a U answer would move the payment back to reconciling.
            PAY_ANSWERED: [
              {
                guard: and(['reportDisagrees', 'answersOutstandingPay']),
                actions: inOrder('releasePay', 'reportDisagreement', 'countInquiry', 'callInquiry'),
              },
              reportOnly,
              heldByConflict,
              ...onPaymentSuccess,
              refusedPayFails,
              sendHeldInquiry,
              staleAnswerIgnored,
            ],
            SESSION_ANSWERED: [refusedPayFails, sendHeldInquiry, staleAnswerIgnored],
            INQUIRY_ANSWERED: [
              holdInPlace,
              ...inquiry([
                ...onPaymentSuccess,
                { guard: 'paymentFailed', target: '#payment.expired' },
                { guard: 'gatewayCancelled', target: '#payment.expired' },
                // The gateway has no such payment: nothing to cancel.
                { guard: 'orderNotFound', target: '#payment.expired' },
                { guard: 'gatewayStillProcessing', target: '#payment.cancelling', actions: 'cancelForExpiry' },
                // A U answer (or anything it cannot read) tells nothing: ask again, backing off.
                { actions: 'scheduleReconcile' },
              ]),
            ],
            GATEWAY_UNANSWERED: [
              { guard: 'inquiryUnanswered', actions: inOrder('releaseInquiry', 'scheduleReconcile') },
              sendHeldInquiry,
            ],
            TIMER_FIRED: [
              { guard: 'reconcileFired', actions: inOrder('countInquiry', 'callInquiry') },
              { guard: 'expiryFired' },
            ],
          },
        },
      },
    },
    authorized: {
      entry: ['scheduleCaptureDeadline', 'reconcileIfConflicted'],
      exit: 'cancelCaptureDeadlineTimer',
      on: {
        ...lateAnswers,
        CAPTURE: [
          { guard: 'captureIsDuplicate', actions: 'recordDuplicate' },
          { guard: 'captureIsValid', target: 'capturing', actions: inOrder('recordCaptureRequested', 'callCapture') },
          { actions: 'recordRejected' },
        ],
        CAPTURE_NOTIFIED: [
          holdInPlace,
          heldByConflict,
          { guard: 'captureSucceeded', target: 'captured', actions: 'recordCaptureSucceeded' },
        ],
        CANCEL: { target: 'cancelling', actions: 'cancelForMerchant' },
        TIMER_FIRED: [
          { guard: 'captureDeadlineFired', target: 'cancelling', actions: 'cancelForCaptureDeadline' },
          reconcileConflict,
        ],
        PAYMENT_NOTIFIED: [holdInPlace, { guard: 'paymentFailed', actions: 'reportOutcomeConflict' }],
        REFUND_NOTIFIED: deferExternalRefund,
        INQUIRY_ANSWERED: settledInquiry([]),
      },
    },
    capturing: {
      entry: ['scheduleReconcile', 'keepCaptureDeadline'],
      exit: ['cancelReconcileTimer', 'cancelCaptureDeadlineTimer'],
      on: {
        ...lateAnswers,
        CAPTURE_ANSWERED: [holdInPlace, heldByConflict, ...onCaptureOutcome, { guard: 'answeredU' }],
        CAPTURE_NOTIFIED: [holdInPlace, heldByConflict, ...onCaptureOutcome],
        INQUIRY_ANSWERED: [
          holdInPlace,
          ...inquiry([
            ...onCaptureOutcome,
            { guard: 'paymentFailed', actions: 'reportOutcomeConflict' },
            // Paid, and no capture at all: the capture never reached the gateway. Sent again under its request id,
            // a bounded number of times; then it failed, and the merchant may capture again.
            {
              guard: and(['captureUnseen', 'canResendCapture']),
              actions: inOrder('countCaptureAttempt', 'callCapture'),
            },
            {
              guard: 'captureUnseen',
              target: '#payment.authorized',
              actions: inOrder('failUnreceivedCapture', 'publishCaptureFailed'),
            },
            { guard: 'answeredS' },
          ]),
          inquiryIgnored,
        ],
        GATEWAY_UNANSWERED: [{ guard: 'captureUnanswered' }, { guard: 'inquiryUnanswered', actions: 'releaseInquiry' }],
        TIMER_FIRED: [
          { guard: 'reconcileFired', actions: inOrder('countInquiry', 'callInquiry', 'scheduleReconcile') },
          // Still unconfirmed at the capture deadline: the authorization lapses, so it is released, as in authorized.
          { guard: 'captureDeadlineFired', target: 'cancelling', actions: 'cancelForCaptureDeadline' },
        ],
        CAPTURE: captureAfterCapture,
        PAYMENT_NOTIFIED: [holdInPlace, { guard: 'paymentFailed', actions: 'reportOutcomeConflict' }],
        REFUND_NOTIFIED: deferExternalRefund,
      },
    },
    captured: {
      entry: ['publishReadyToShip', 'reconcileIfConflicted'],
      on: {
        ...lateAnswers,
        CAPTURE: captureAfterCapture,
        REFUND: [
          { guard: 'refundIsDuplicate', actions: 'recordDuplicate' },
          { guard: 'refundIsValid', actions: inOrder('recordRefundRequested', 'callRefund') },
          { actions: 'recordRejected' },
        ],
        REFUND_ANSWERED: [
          holdRefund,
          refundHeldByConflict,
          ...onRefundOutcome,
          { guard: 'answeredU', actions: 'scheduleRefundReconcile' },
        ],
        REFUND_NOTIFIED: [holdRefund, refundHeldByConflict, ...onExternalRefund, ...onRefundOutcome],
        REFUND_INQUIRY_ANSWERED: [
          // Two reports of a refund made elsewhere disagree: the latest is kept to compare with the next.
          {
            guard: and(['confirmsExternalRefund', 'reportDisagrees']),
            actions: inOrder('reportDisagreement', 'adoptReportedAmount', 'scheduleRefundReconcile'),
          },
          holdRefund,
          // The gateway has no trace of the refund: ours is sent again under its own request id, a bounded number of
          // times; then it failed. One made elsewhere that the gateway has no trace of was never made.
          {
            guard: and(['refundUnknownAtGateway', 'canResendRefund']),
            actions: inOrder('countRefundSend', 'callRefundAgain'),
          },
          { guard: 'refundUnknownAtGateway', actions: 'failUnreceivedRefund' },
          ...first(['resolveRefundConflicts'], onRefundOutcome),
          // The facts agree (the refund is settled, or still in process): what was open about it is resolved.
          { guard: 'answeredS', actions: 'resolveRefundConflicts' },
        ],
        GATEWAY_UNANSWERED: [
          { guard: 'refundUnanswered', actions: 'scheduleRefundReconcile' },
          { guard: 'refundInquiryUnanswered' },
        ],
        TIMER_FIRED: [
          {
            guard: and(['refundReconcileFired', 'hasRefundsToInquire']),
            actions: inOrder('countRefundInquiry', 'callRefundInquiries', 'scheduleRefundReconcile'),
          },
          reconcileConflict,
        ],
        PAYMENT_NOTIFIED: [holdInPlace, { guard: 'paymentFailed', actions: 'reportOutcomeConflict' }],
        // Agreeing again, a captured payment whose shipping a conflict withheld is ready to ship.
        INQUIRY_ANSWERED: settledInquiry(['publishReadyToShip']),
        CAPTURE_NOTIFIED: [holdInPlace, { guard: 'captureFailed', actions: 'reportOutcomeConflict' }],
      },
    },
    refunded: {
      entry: ['cancelRefundReconcileTimer', 'cancelReconcileTimer'],
      on: {
        REFUND: [{ guard: 'refundIsDuplicate', actions: 'recordDuplicate' }, { actions: 'recordRejected' }],
        CAPTURE: captureAfterCapture,
        REFUND_ANSWERED: [reportOnly, { guard: 'contradictsSettledRefund', actions: 'reportOutcomeConflict' }],
        REFUND_NOTIFIED: [
          reportOnly,
          { guard: 'externalRefund', actions: 'reportRefundExceedsCaptured' },
          { guard: 'contradictsSettledRefund', actions: 'reportOutcomeConflict' },
        ],
        REFUND_INQUIRY_ANSWERED: [reportOnly, { guard: 'contradictsSettledRefund', actions: 'reportOutcomeConflict' }],
        PAYMENT_NOTIFIED: conflictIfPaymentFailed,
      },
    },
    cancelling: {
      entry: 'callCancel',
      exit: 'cancelReconcileTimer',
      on: {
        CANCEL_ANSWERED: [
          { guard: and(['answeredS', 'cancelledForExpiry']), target: 'expired', actions: 'confirmCancel' },
          { guard: 'answeredS', target: 'cancelled', actions: 'confirmCancel' },
          // The gateway has no such payment: nothing was ever paid. It expired, or the merchant's cancel stands.
          { guard: and(['orderNotFound', 'cancelledForExpiry']), target: 'expired' },
          { guard: and(['orderNotFound', 'cancelledByMerchant']), target: 'cancelled' },
          { guard: 'answeredF', target: '#payment.pending.reconciling' },
          { actions: 'scheduleReconcile' },
        ],
        // The cancel was held while the pay was outstanding: a refused pay has nothing to cancel; otherwise it goes now.
        PAY_ANSWERED: [
          {
            guard: and(['reportDisagrees', 'answersOutstandingPay']),
            actions: inOrder('releasePay', 'reportDisagreement', 'callCancel'),
          },
          refusedPayFails,
          sendHeldCancel,
        ],
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
        PAY_ANSWERED: conflictUnlessLate,
        PAYMENT_NOTIFIED: conflictUnlessLate,
        INQUIRY_ANSWERED: first(['releaseInquiry'], conflictIfPaymentSucceeded),
        CAPTURE_NOTIFIED: conflictIfPaymentSucceeded,
      },
    },
    failed: {
      entry: 'publishFailed',
      on: {
        PAY_ANSWERED: conflictIfPaymentSucceeded,
        VERIFY_ANSWERED: conflictIfPaymentSucceeded,
        PAYMENT_NOTIFIED: conflictIfPaymentSucceeded,
        INQUIRY_ANSWERED: first(['releaseInquiry'], conflictIfPaymentSucceeded),
        CAPTURE_NOTIFIED: conflictIfPaymentSucceeded,
      },
    },
    expired: {
      entry: 'publishExpired',
      on: {
        PAY_ANSWERED: conflictUnlessLate,
        PAYMENT_NOTIFIED: conflictUnlessLate,
        INQUIRY_ANSWERED: first(['releaseInquiry'], conflictIfPaymentSucceeded),
        CAPTURE_NOTIFIED: conflictIfPaymentSucceeded,
      },
    },
  },
})
