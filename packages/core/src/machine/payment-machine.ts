import { and, not } from 'xstate'
import { initialContext } from './initial-context.js'
import { MISSING_INPUT } from './missing-input.js'
import { type PaymentActionName as ActionName, paymentSetup } from './payment-setup.js'

interface Transition {
  readonly guard?: unknown
  readonly target?: string
  readonly actions?: ActionName | ReadonlyArray<ActionName>
}

const actionsOf = (actions: Transition['actions']): ReadonlyArray<ActionName> =>
  actions === undefined ? [] : typeof actions === 'string' ? [actions] : actions

/** The same transitions, each running `actions` before its own. */
const first = <const A extends ReadonlyArray<ActionName>, const T extends Transition>(
  actions: A,
  transitions: ReadonlyArray<T>,
) => transitions.map((t) => ({ ...t, actions: [...actions, ...actionsOf(t.actions)] }))

/** The three places a payment goes when the gateway says it is paid (its facts already checked to agree). */
const toCapturedWithPayment = {
  guard: and(['paymentSucceeded', 'capturedWithPayment']),
  target: '#payment.captured',
  actions: ['releasePay', 'recordPaymentSuccess', 'recordCaptureSucceeded', 'publishSucceeded'],
} as const
/** The same, told by the capture of a card payment whose own result was not heard: an inquiry reads that result. */
const toCapturedBeforeCardResult = {
  guard: and(['paymentSucceeded', 'capturedWithPayment', 'cardFactsUnknown']),
  target: '#payment.captured',
  actions: [...toCapturedWithPayment.actions, 'countInquiry', 'callInquiry'],
} as const
const onPaymentSuccess = [
  toCapturedWithPayment,
  {
    guard: and(['paymentSucceeded', 'awaitsManualCapture']),
    target: '#payment.authorized',
    actions: ['releasePay', 'recordPaymentSuccess', 'publishAuthorized'],
  },
  {
    guard: 'paymentSucceeded',
    target: '#payment.capturing',
    actions: ['releasePay', 'recordPaymentSuccess', 'recordAutomaticCapturePending', 'publishSucceeded'],
  },
] as const

/**
 * Facts that are not this payment's (amount, currency, paymentId) hold the payment where it is: the conflict is
 * recorded and published, and an inquiry is scheduled, whose agreeing answer resolves it.
 */
const holdInPlace = {
  guard: 'reportDisagrees',
  actions: ['releasePay', 'releaseInquiry', 'reportDisagreement', 'scheduleReconcile'],
} as const
/** An answer to our own pay or verification that disagrees: the outcome is unknown, as after a timeout. */
const holdReconciling = {
  guard: 'reportDisagrees',
  target: '#payment.pending.reconciling',
  actions: ['releasePay', 'reportDisagreement'],
} as const
/** Where nothing is left to inquire about: the disagreement is recorded and published, nothing else. */
const reportOnly = {
  guard: 'reportDisagrees',
  actions: ['releasePay', 'releaseInquiry', 'reportDisagreement'],
} as const
/** While a conflict is open, only an inquiry decides: other reports are recorded, not applied. */
const heldByConflict = { guard: 'heldByConflict', actions: ['releasePay', 'recordIgnored'] } as const
const holdRefund = {
  guard: 'reportDisagrees',
  actions: ['reportDisagreement', 'scheduleRefundReconcile'],
} as const
const refundHeldByConflict = { guard: 'refundHeldByConflict', actions: 'recordIgnored' } as const

/** An inquiry's answer: no longer in flight; and, its facts agreeing, it resolves what was open. */
const inquiry = <const T extends Transition>(transitions: ReadonlyArray<T>) =>
  first(['releaseInquiry', 'adoptAnsweredPaymentId', 'learnCard', 'resolvePaymentConflicts'], transitions)
/** An inquiry answer that changes nothing here still names the payment, as the answer to our own call. */
const inquiryIgnored = { actions: ['releaseInquiry', 'adoptAnsweredPaymentId', 'recordIgnored'] } as const

/** The gateway tells that the capture succeeded: captured, whether it was on its way or given up. */
const toCaptured = {
  guard: 'captureSucceeded',
  target: '#payment.captured',
  actions: 'recordCaptureSucceeded',
} as const
/** A capture given up before the current one tells that it succeeded: it is the payment's capture after all. */
const toCapturedByEarlier = {
  guard: 'earlierCaptureSucceeded',
  target: '#payment.captured',
  actions: 'recordEarlierCaptureSucceeded',
} as const
/** The same, while the current capture is pending: the gateway will refuse it, and the merchant hears so now. */
const toCapturedBySuperseding = {
  ...toCapturedByEarlier,
  actions: ['supersedeCapture', 'publishCaptureFailed', 'recordEarlierCaptureSucceeded'],
} as const
/**
 * A capture refused for the payment's status: a send given up earlier may have captured it; the gateway's status tells,
 * asked now and, should that go unanswered, watched for as a capture given up is (found by the model: the inquiry
 * lost, nothing asked again, the payment said authorized where the gateway had captured it).
 */
const captureRefusedForStatus = {
  guard: 'captureRefusedForStatus',
  target: '#payment.authorized',
  actions: ['failRefusedCapture', 'publishCaptureFailed', 'countInquiry', 'callInquiry', 'scheduleLastLook'],
} as const
/**
 * The gateway closed an authorization it holds no capture for (asked after it refused a cancel, say: the
 * authorization lapsed): nothing was paid, and the payment is cancelled on its word.
 */
const closedByGateway = {
  guard: 'gatewayCancelled',
  target: '#payment.cancelled',
  actions: ['cancelledByGateway', 'cancelReconcileTimer'],
} as const
/** What a capture's outcome does to a payment still capturing: captured, or back to authorized. */
const onCaptureOutcome = [
  toCaptured,
  toCapturedBySuperseding,
  {
    guard: 'captureFailed',
    target: '#payment.authorized',
    actions: ['recordCaptureFailed', 'publishCaptureFailed'],
  },
] as const

/** A pending refund's outcome: publishing reads the refund while it is pending, so it runs before it is recorded. */
const settlesRefund = {
  guard: 'settlesPendingRefund',
  actions: ['publishRefundOutcome', 'recordRefundOutcome'],
} as const
const onRefundOutcome = [
  // Never more refunded than captured: a success that would go past it is held as a conflict.
  { guard: 'refundOverCapture', actions: 'reportRefundExceedsCaptured' },
  { ...settlesRefund, guard: 'completesRefunds', target: '#payment.refunded' },
  settlesRefund,
  { guard: 'contradictsSettledRefund', actions: 'reportOutcomeConflict' },
] as const
/**
 * The gateway has no trace of the refund: ours is sent again under its own request id, a bounded number of times; then
 * it failed. One made elsewhere that the gateway has no trace of was never made.
 */
const refundUnknownAtGateway = [
  { guard: and(['refundUnknownAtGateway', 'canResendRefund']), actions: ['countRefundSend', 'callRefundAgain'] },
  { guard: 'refundUnknownAtGateway', actions: 'failUnreceivedRefund' },
] as const
/** A refund or its inquiry went unanswered: the refund's reconcile timer asks again. */
const refundCallUnanswered = [
  { guard: 'refundUnanswered', actions: 'scheduleRefundReconcile' },
  { guard: 'refundInquiryUnanswered', actions: 'lookAgainIfUnanswered' },
] as const
/**
 * An unanswered call where no state takes it: a last look's inquiry makes the look again; any other still says that
 * the pay or the inquiry is no longer outstanding.
 */
const unansweredElsewhere = [
  { guard: 'lastLookUnanswered', actions: ['releaseInquiry', 'lookAgainIfUnanswered'] },
  { actions: ['releasePay', 'releaseInquiry', 'recordIgnored'] },
] as const
/** The refund reconcile timer asks about every refund still pending. */
const inquireRefunds = {
  guard: and(['refundReconcileFired', 'hasRefundsToInquire']),
  actions: ['countRefundInquiry', 'callRefundInquiries', 'recordWatchEndLook', 'scheduleRefundReconcile'],
} as const

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

const toFailed = { target: '#payment.failed', actions: ['releasePay', 'recordFailure'] } as const
/** Expiring and cancelling hold their call while the pay is outstanding: a refused pay has nothing to close. */
const refusedPayFails = { guard: and(['answersOutstandingPay', 'answeredF']), ...toFailed } as const
/** Otherwise the pay's answer, or the lack of one, sends the held call. */
const sendHeldInquiry = {
  guard: 'answersOutstandingPay',
  actions: ['releasePay', 'countInquiry', 'callInquiry'],
} as const
const sendHeldCancel = { guard: 'answersOutstandingPay', actions: ['releasePay', 'callCancel'] } as const
const staleAnswerIgnored = { actions: ['releasePay', 'recordIgnored'] } as const
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
/**
 * Closed on the gateway's ORDER_NOT_EXIST, a payment can still see its pay land (sent before, its answer lost): that
 * success is cancelled, and the payment stays as the merchant was told.
 */
const cancelLateSuccess = { guard: 'landedAfterNotFound', actions: ['releasePay', 'cancelLateSuccess'] } as const
/** Late, an answer to our own call still names the payment: its paymentId replaces one only a notification told. */
const namedLate = ['releasePay', 'adoptAnsweredPaymentId', 'recordIgnored'] as const
/** After a cancel the gateway confirmed, a success it sent before is the expected race: the cancel released it. */
const conflictUnlessLate = [
  reportOnly,
  cancelLateSuccess,
  { guard: 'lateResultAfterCancel', actions: ['learnCard', 'recordIgnored'] },
  { guard: 'paymentSucceeded', actions: 'reportOutcomeConflict' },
] as const
/** The same for an answer to our own call (a pay, an inquiry), which names the payment even when late. */
const agreeingAnswerUnlessLate = [
  cancelLateSuccess,
  { guard: 'lateResultAfterCancel', actions: namedLate },
  { guard: 'paymentSucceeded', actions: 'reportOutcomeConflict' },
  { actions: namedLate },
] as const
const answerUnlessLate = [reportOnly, ...agreeingAnswerUnlessLate] as const
/** The refund that reverses a late success (see `reverseLateSuccess`), until the gateway settles it. */
const reversalRefund = {
  // A report of it that disagrees with what the gateway holds is held, as for any refund (found by the model: a
  // tampered currency settled a reversal of a closed payment).
  REFUND_ANSWERED: [
    holdRefund,
    refundHeldByConflict,
    settlesRefund,
    { guard: 'answeredU', actions: 'scheduleRefundReconcile' },
  ],
  // A refund made in the gateway's dashboard may reverse the late success before ours (which then fails as exceeding
  // it): recorded and confirmed as in `captured` once the capture is known, delivered again before (found by the
  // model: refunded 0 locally, all of it at the gateway).
  REFUND_NOTIFIED: [
    holdRefund,
    refundHeldByConflict,
    { guard: and(['externalRefund', 'lateSuccessKept']), actions: 'recordExternalRefund' },
    { guard: 'awaitsExternalConfirmation', actions: 'recordIgnored' },
    { guard: and(['externalRefund', 'lateSuccessUnreleased']), actions: 'deferNotification' },
    settlesRefund,
  ],
  REFUND_INQUIRY_ANSWERED: [
    {
      guard: and(['confirmsExternalRefund', 'reportDisagrees']),
      actions: ['reportDisagreement', 'adoptReportedAmount', 'scheduleRefundReconcile'],
    },
    holdRefund,
    ...refundUnknownAtGateway,
    settlesRefund,
  ],
} as const

/**
 * Closed on ORDER_NOT_EXIST: inquiries look for a pay that lands late for a while, and the cancel of one that did goes
 * on until the gateway answers it: released, refused (a conflict), or asked again.
 */
const afterNotFound = {
  ...reversalRefund,
  CANCEL_ANSWERED: [
    { guard: and(['cancellingLateSuccess', 'answeredS']), actions: 'confirmCancel' },
    { guard: and(['cancellingLateSuccess', 'orderNotFound']), actions: 'recordIgnored' },
    {
      guard: and(['cancellingLateSuccess', 'answeredF']),
      actions: ['recordLateCancelRefused', 'countInquiry', 'callInquiry', 'scheduleReconcile'],
    },
    { guard: 'cancellingLateSuccess', actions: 'scheduleReconcile' },
  ],
  GATEWAY_UNANSWERED: [
    ...refundCallUnanswered,
    { guard: and(['cancellingLateSuccess', 'cancelUnanswered']), actions: 'scheduleReconcile' },
    ...unansweredElsewhere,
  ],
  TIMER_FIRED: [
    inquireRefunds,
    {
      guard: and(['lateCancelRefused', 'reconcileFired']),
      actions: ['countInquiry', 'callInquiry', 'scheduleReconcile'],
    },
    { guard: and(['cancellingLateSuccess', 'reconcileFired']), actions: 'callCancel' },
    {
      guard: and(['watchingForLatePay', 'reconcileFired']),
      actions: ['countInquiry', 'callInquiry', 'recordWatchEndLook', 'watchForLatePay'],
    },
  ],
} as const
/** The capture of a success that landed late: it can no longer be cancelled, so it is refunded, once. */
const lateCaptureKept = [
  reportOnly,
  { guard: and(['lateSuccessUnreleased', 'paymentSucceeded']), actions: 'reverseLateSuccess' },
  { guard: 'paymentSucceeded', actions: 'reportOutcomeConflict' },
] as const
/**
 * After the gateway refused to cancel a late success, an inquiry tells what it did with the pay: captured (the buyer
 * paid for a payment the merchant was told did not happen: it is refunded), closed after all (nothing was paid), or
 * still in process (the cancel goes again).
 */
const inquiryUnlessLate = first(
  ['releaseInquiry'],
  [
    reportOnly,
    {
      guard: and(['lateCancelRefused', 'paymentSucceeded']),
      actions: ['adoptAnsweredPaymentId', 'reverseLateSuccess'],
    },
    { guard: and(['lateCancelRefused', 'paymentFailed']), actions: ['adoptAnsweredPaymentId', 'forgetLateSuccess'] },
    {
      guard: and(['lateCancelRefused', 'gatewayStillProcessing']),
      actions: ['adoptAnsweredPaymentId', 'retryLateCancel', 'callCancel'],
    },
    ...agreeingAnswerUnlessLate,
  ],
)
/** A late answer to the pay or a verification, once settled: held if it disagrees, noise otherwise. */
const lateAnswers = {
  PAY_ANSWERED: [holdInPlace, staleAnswerIgnored],
  VERIFY_ANSWERED: [holdInPlace, { actions: 'recordIgnored' }],
} as const

/** A settled payment inquires again while a conflict is open, until an agreeing answer resolves it. */
const reconcileConflict = {
  guard: and(['reconcileFired', 'hasOpenConflict']),
  actions: ['countInquiry', 'callInquiry', 'scheduleReconcile'],
} as const
/**
 * A payment asking for its own result while `unheard` holds, whose inquiry got no answer, asks again at the reconcile
 * backoff until an answer comes: the card facts and the gateway's word on the paymentId come with that result alone.
 */
const askingOwnResult = (unheard: 'ownResultUnheard' | 'paymentIdOnlyNotified') =>
  ({
    unanswered: {
      guard: and(['inquiryUnanswered', unheard]),
      actions: ['releaseInquiry', 'scheduleReconcile', 'lookAgainIfUnanswered'],
    },
    again: { guard: and(['reconcileFired', unheard]), actions: ['countInquiry', 'callInquiry'] },
  }) as const
/** Captured (or refunded) before that result came: a card's capture told first, a paymentId only a notification told. */
const ownResult = askingOwnResult('ownResultUnheard')
/**
 * Authorized with a paymentId only a notification told: its card facts come with its capture. Other unanswered calls
 * there are handled as anywhere else.
 */
const notifiedPaymentId = askingOwnResult('paymentIdOnlyNotified')
/** An inquiry while settled and paid: agreeing, it resolves the open conflicts; reporting a failure, it is one. */
const settledInquiry = <const A extends ReadonlyArray<ActionName>>(afterResolving: A) =>
  [
    holdInPlace,
    { guard: 'paymentFailed', actions: ['releaseInquiry', 'reportOutcomeConflict'] },
    ...inquiry([{ guard: 'paymentSucceeded', actions: afterResolving }]),
    inquiryIgnored,
  ] as const

export const paymentMachine = paymentSetup.createMachine({
  id: 'payment',
  context: ({ input }) => {
    // XState's pure `transition()` constructs an actor without input on every call, and throws its initial
    // snapshot away: one error, made once, answers it without the cost of a stack trace per call.
    if (input === undefined) throw MISSING_INPUT
    return initialContext(input)
  },
  initial: 'draft',
  on: {
    // An answer to the pay wherever no state takes it still says that the pay is no longer outstanding.
    PAY_ANSWERED: [reportOnly, staleAnswerIgnored],
    SESSION_ANSWERED: staleAnswerIgnored,
    GATEWAY_UNANSWERED: unansweredElsewhere,
    INQUIRY_ANSWERED: [reportOnly, { actions: ['learnCard', ...inquiryIgnored.actions] }],
    PAYMENT_NOTIFIED: [reportOnly, { actions: ['learnCard', 'recordIgnored'] }],
    CAPTURE_NOTIFIED: [reportOnly, { actions: 'recordIgnored' }],
    REFUND_NOTIFIED: [
      { guard: 'externalRefund', actions: 'reportRefundExceedsCaptured' },
      { actions: 'recordIgnored' },
    ],
    // A customer coming back to a payment with nothing left to ask changes nothing, and nothing is written; nor does a
    // draft given up that is a draft no more.
    CUSTOMER_RETURNED: {},
    DISCARD_DRAFT: {},
    // Merchant intents that the payment's state does not take are refused, with the reason.
    SUBMIT: { actions: 'recordRejected' },
    OTP_SUBMITTED: { actions: 'recordRejected' },
    CAPTURE: { actions: 'recordRejected' },
    CANCEL: { actions: 'recordRejected' },
    REFUND: { actions: 'recordRejected' },
    // A send given up without trace, looked for once more a day past its watch, whatever state the payment is in.
    TIMER_FIRED: { guard: 'lastLookFired', actions: 'lookLastTime' },
    ACKNOWLEDGE_CONFLICTS: [
      { guard: 'hasOpenConflict', actions: 'acknowledgeConflicts' },
      { actions: 'recordRejected' },
    ],
    '*': { actions: 'recordIgnored' },
  },
  states: {
    draft: {
      tags: ['pending', 'holdsCardData'],
      on: {
        SUBMIT: [
          {
            guard: 'isCheckoutSession',
            target: 'pending',
            actions: ['startSubmission', 'callCreateSession', 'scheduleExpiry'],
          },
          { target: 'pending', actions: ['startSubmission', 'callPay', 'scheduleExpiry'] },
        ],
        CANCEL: { target: 'cancelled', actions: 'cancelForMerchant' },
        DISCARD_DRAFT: { target: 'cancelled', actions: 'discardForReplacement' },
      },
    },
    pending: {
      tags: 'pending',
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
            actions: ['releasePay', 'recordCustomerAction', 'publishCustomerAction'],
          },
          {
            guard: 'needsOtp',
            target: '.awaitingOtp',
            actions: ['releasePay', 'recordCustomerAction', 'publishCustomerAction'],
          },
          {
            guard: 'inProcessWithoutAction',
            target: '#payment.failed',
            actions: ['releasePay', 'recordNoActionReturned'],
          },
          { guard: 'answeredF', ...toFailed },
          { target: '.reconciling', actions: 'releasePay' },
        ],
        VERIFY_ANSWERED: [holdInPlace, heldByConflict, ...onPaymentSuccess],
        PAYMENT_NOTIFIED: [holdInPlace, heldByConflict, ...onPaymentSuccess, { guard: 'paymentFailed', ...toFailed }],
        CAPTURE_NOTIFIED: [holdInPlace, heldByConflict, toCapturedBeforeCardResult, toCapturedWithPayment],
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
        GATEWAY_UNANSWERED: { guard: 'inquiryUnanswered', actions: ['releaseInquiry', 'lookAgainIfUnanswered'] },
        REFUND_NOTIFIED: deferExternalRefund,
        CUSTOMER_RETURNED: { guard: 'mayInquireForCustomer', actions: ['countInquiry', 'callInquiry'] },
        CANCEL: { target: '#payment.cancelling', actions: 'cancelForMerchant' },
        TIMER_FIRED: [
          { guard: 'expiryFired', target: '.expiring' },
          { guard: 'reconcileFired', actions: ['countInquiry', 'callInquiry', 'scheduleReconcile'] },
        ],
      },
      states: {
        submitting: {
          tags: 'holdsCardData',
          on: {
            SESSION_ANSWERED: [
              {
                guard: 'answeredS',
                target: 'awaitingCustomer',
                actions: ['releasePay', 'recordCustomerAction', 'publishCustomerAction'],
              },
              toFailed,
            ],
            GATEWAY_UNANSWERED: [
              { guard: 'payUnanswered', target: 'reconciling', actions: 'releasePay' },
              {
                guard: 'sessionUnanswered',
                target: '#payment.failed',
                actions: ['releasePay', 'recordSessionUnanswered'],
              },
            ],
          },
        },
        awaitingCustomer: {
          tags: ['awaitingCustomer', 'holdsCardData'],
          entry: 'scheduleReconcile',
        },
        awaitingOtp: {
          tags: ['awaitingCustomer', 'holdsCardData'],
          on: {
            OTP_SUBMITTED: { target: 'verifyingOtp', actions: ['recordOtpSubmitted', 'callVerify'] },
          },
        },
        verifyingOtp: {
          tags: 'holdsCardData',
          on: {
            VERIFY_ANSWERED: [
              { guard: not('answersCurrentVerify'), actions: 'recordIgnored' },
              { ...holdReconciling, target: 'reconciling' },
              { ...heldByConflict, target: 'reconciling' },
              ...onPaymentSuccess,
              {
                guard: 'otpCanBeRetried',
                target: 'awaitingOtp',
                actions: ['recordOtpRejected', 'publishOtpRetry'],
              },
              // Paid already by a verification whose answer was lost, or closed: only the gateway's status tells.
              { guard: 'verifyRefusedForStatus', target: 'reconciling', actions: ['countInquiry', 'callInquiry'] },
              { guard: 'answeredF', ...toFailed },
              { target: 'reconciling' },
            ],
            GATEWAY_UNANSWERED: { guard: 'answersCurrentVerify', target: 'reconciling' },
          },
        },
        reconciling: {
          tags: 'holdsCardData',
          entry: 'scheduleReconcile',
          on: {
            INQUIRY_ANSWERED: inquiry([
              { guard: 'canResubmit', target: 'submitting', actions: ['countPayAttempt', 'callPay'] },
              {
                guard: and(['otpStillAwaited', not('reportDisagrees')]),
                target: 'awaitingOtp',
                actions: 'publishCustomerAction',
              },
              // The gateway never saw the pay, none is in flight, and none may be sent past the expiry.
              {
                guard: and(['orderNotFound', not('beforeExpiry')]),
                target: '#payment.expired',
                actions: ['recordNotFound', 'watchForLatePay', 'scheduleLastLook'],
              },
            ]),
          },
        },
        expiring: {
          entry: ['countInquiry', 'callInquiry'],
          on: {
            // The expiry fired while the pay was outstanding, so the closing inquiry was held until now: a success
            // settles it, a refusal fails it, anything else sends the inquiry.
            // An answer to a pay no longer outstanding (its absence was already reported) says nothing new: the
            // closing inquiry is out. Left to `pending`, a U answer would move the payment back to reconciling.
            PAY_ANSWERED: [
              {
                guard: and(['reportDisagrees', 'answersOutstandingPay']),
                actions: ['releasePay', 'reportDisagreement', 'countInquiry', 'callInquiry'],
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
                {
                  guard: 'orderNotFound',
                  target: '#payment.expired',
                  actions: ['recordNotFound', 'watchForLatePay', 'scheduleLastLook'],
                },
                {
                  guard: 'methodStillOpen',
                  target: 'awaitingCustomer',
                  actions: ['extendExpiryForMethod', 'scheduleExpiry'],
                },
                { guard: 'gatewayStillProcessing', target: '#payment.cancelling', actions: 'cancelForExpiry' },
                // A U answer (or anything it cannot read) tells nothing: ask again, backing off.
                { actions: 'scheduleReconcile' },
              ]),
            ],
            GATEWAY_UNANSWERED: [
              { guard: 'inquiryUnanswered', actions: ['releaseInquiry', 'scheduleReconcile'] },
              sendHeldInquiry,
            ],
            TIMER_FIRED: [
              { guard: 'reconcileFired', actions: ['countInquiry', 'callInquiry'] },
              { guard: 'expiryFired' },
            ],
          },
        },
      },
    },
    authorized: {
      // A capture given up without trace is watched for from any way back here (found by the model: a cancel refused
      // for the payment's status, then the pay's own notification, ended the watch of a refused capture).
      // A paymentId only a notification told is confirmed by the payment's own result, as in `captured`: reports of a
      // void or refund made in the dashboard name the payment by paymentId alone (found by the model: a MANUAL card's
      // pay answer lost, its notification lying about the paymentId, the payment kept the lie while authorized).
      entry: ['scheduleCaptureDeadline', 'reconcileIfConflicted', 'watchForLateCapture', 'confirmNotifiedPaymentId'],
      exit: 'cancelCaptureDeadlineTimer',
      on: {
        ...lateAnswers,
        GATEWAY_UNANSWERED: notifiedPaymentId.unanswered,
        CAPTURE: [
          { guard: 'captureIsDuplicate', actions: 'recordDuplicate' },
          { guard: 'captureIsValid', target: 'capturing', actions: ['recordCaptureRequested', 'callCapture'] },
          { actions: 'recordRejected' },
        ],
        // A capture given up after sends the gateway showed no trace of can still land: its answer, its
        // notification or an inquiry then tells that it succeeded after all.
        CAPTURE_NOTIFIED: [holdInPlace, heldByConflict, toCaptured, toCapturedByEarlier],
        CAPTURE_ANSWERED: [holdInPlace, heldByConflict, toCaptured, toCapturedByEarlier],
        CANCEL: { target: 'cancelling', actions: 'cancelForMerchant' },
        TIMER_FIRED: [
          { guard: 'captureDeadlineFired', target: 'cancelling', actions: 'cancelForCaptureDeadline' },
          {
            guard: and(['reconcileFired', 'watchingForLateCapture']),
            actions: ['countInquiry', 'callInquiry', 'recordWatchEndLook', 'watchForLateCapture'],
          },
          reconcileConflict,
          notifiedPaymentId.again,
        ],
        PAYMENT_NOTIFIED: [holdInPlace, { guard: 'paymentFailed', actions: 'reportOutcomeConflict' }],
        REFUND_NOTIFIED: deferExternalRefund,
        INQUIRY_ANSWERED: [
          holdInPlace,
          { guard: 'paymentFailed', actions: ['releaseInquiry', 'reportOutcomeConflict'] },
          ...inquiry([toCaptured, toCapturedByEarlier, { guard: 'paymentSucceeded' }, closedByGateway]),
          inquiryIgnored,
        ],
      },
    },
    capturing: {
      tags: ['settling', 'paid'],
      entry: ['scheduleReconcile', 'keepCaptureDeadline'],
      exit: ['cancelReconcileTimer', 'cancelCaptureDeadlineTimer'],
      on: {
        ...lateAnswers,
        CAPTURE_ANSWERED: [
          holdInPlace,
          heldByConflict,
          captureRefusedForStatus,
          ...onCaptureOutcome,
          { guard: 'answeredU' },
        ],
        CAPTURE_NOTIFIED: [holdInPlace, heldByConflict, ...onCaptureOutcome],
        INQUIRY_ANSWERED: [
          holdInPlace,
          ...inquiry([
            ...onCaptureOutcome,
            { guard: 'paymentFailed', actions: 'reportOutcomeConflict' },
            closedByGateway,
            // Paid, and no capture at all: the capture never reached the gateway. Sent again under its request id,
            // a bounded number of times; then it failed, and the merchant may capture again.
            {
              guard: and(['captureUnseen', 'canResendCapture']),
              actions: ['countCaptureAttempt', 'callCapture'],
            },
            {
              guard: 'captureUnseen',
              target: '#payment.authorized',
              actions: ['failUnreceivedCapture', 'publishCaptureFailed', 'scheduleLastLook'],
            },
            { guard: 'answeredS' },
          ]),
          inquiryIgnored,
        ],
        GATEWAY_UNANSWERED: [
          { guard: 'captureUnanswered' },
          { guard: 'inquiryUnanswered', actions: ['releaseInquiry', 'lookAgainIfUnanswered'] },
        ],
        TIMER_FIRED: [
          { guard: 'reconcileFired', actions: ['countInquiry', 'callInquiry', 'scheduleReconcile'] },
          // Still unconfirmed at the capture deadline: the authorization lapses, so it is released, as in authorized.
          { guard: 'captureDeadlineFired', target: 'cancelling', actions: 'cancelForCaptureDeadline' },
        ],
        CAPTURE: captureAfterCapture,
        PAYMENT_NOTIFIED: [holdInPlace, { guard: 'paymentFailed', actions: 'reportOutcomeConflict' }],
        REFUND_NOTIFIED: deferExternalRefund,
      },
    },
    captured: {
      tags: 'paid',
      entry: ['publishReadyToShip', 'reconcileIfConflicted', 'confirmNotifiedPaymentId'],
      on: {
        ...lateAnswers,
        CAPTURE: captureAfterCapture,
        REFUND: [
          { guard: 'refundIsDuplicate', actions: 'recordDuplicate' },
          // The reconcile timer is armed with the call: if its outcome is never recorded (a crash, a handler that
          // lost every commit race), an inquiry still settles the refund.
          { guard: 'refundIsValid', actions: ['recordRefundRequested', 'callRefund', 'scheduleRefundReconcile'] },
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
            actions: ['reportDisagreement', 'adoptReportedAmount', 'scheduleRefundReconcile'],
          },
          holdRefund,
          ...refundUnknownAtGateway,
          ...first(['resolveRefundConflicts'], onRefundOutcome),
          // The facts agree (the refund is settled, or still in process): what was open about it is resolved.
          { guard: 'answeredS', actions: 'resolveRefundConflicts' },
        ],
        GATEWAY_UNANSWERED: [...refundCallUnanswered, ownResult.unanswered],
        TIMER_FIRED: [inquireRefunds, reconcileConflict, ownResult.again],
        PAYMENT_NOTIFIED: [holdInPlace, { guard: 'paymentFailed', actions: 'reportOutcomeConflict' }],
        // Agreeing again, a captured payment whose shipping a conflict withheld is ready to ship.
        INQUIRY_ANSWERED: settledInquiry(['publishReadyToShip']),
        CAPTURE_NOTIFIED: [holdInPlace, { guard: 'captureFailed', actions: 'reportOutcomeConflict' }],
      },
    },
    refunded: {
      tags: 'terminal',
      entry: ['cancelRefundReconcileTimer', 'cancelReconcileUnlessAskingOwnResult'],
      on: {
        // Refunded in full before the payment's own result came: it is asked for still, as in \`captured\`.
        GATEWAY_UNANSWERED: ownResult.unanswered,
        TIMER_FIRED: ownResult.again,
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
      tags: 'settling',
      entry: 'callCancel',
      exit: 'cancelReconcileTimer',
      on: {
        CANCEL_ANSWERED: [
          { guard: and(['answeredS', 'cancelledForExpiry']), target: 'expired', actions: 'confirmCancel' },
          { guard: 'answeredS', target: 'cancelled', actions: 'confirmCancel' },
          // The gateway has no such payment: nothing was ever paid. It expired, or the merchant's cancel stands.
          {
            guard: and(['orderNotFound', 'cancelledForExpiry']),
            target: 'expired',
            actions: ['recordNotFound', 'watchForLatePay', 'scheduleLastLook'],
          },
          {
            guard: and(['orderNotFound', 'cancelledByMerchant']),
            target: 'cancelled',
            actions: ['recordNotFound', 'watchForLatePay', 'scheduleLastLook'],
          },
          // Refused for a payment the gateway had authorized: captured already (by a capture given up that landed) or
          // past its window. It goes back to where it was, the gateway's status asked for and any capture given up
          // still watched (found by the model: sent to reconcile as if unpaid, it recorded the refused capture's amount
          // as the one captured, and dropped the watch of the capture that had landed). The inquiry is asked again
          // until answered (found by the model: the watch ended while the cancel was sent again, that inquiry was lost,
          // and nothing asked for a day).
          {
            guard: and(['answeredF', 'authorizedBeforeCancel', 'capturePending']),
            target: 'capturing',
            actions: ['publishCancelFailed', 'recordCancelRefused'],
          },
          {
            guard: and(['answeredF', 'authorizedBeforeCancel']),
            target: 'authorized',
            actions: [
              'publishCancelFailed',
              'recordCancelRefused',
              'countInquiry',
              'callInquiry',
              'lookAfterRefusedCancel',
            ],
          },
          { guard: 'answeredF', target: '#payment.pending.reconciling', actions: 'publishCancelFailed' },
          { actions: 'scheduleReconcile' },
        ],
        // The cancel was held while the pay was outstanding: a refused pay has nothing to cancel; otherwise it goes now.
        PAY_ANSWERED: [
          {
            guard: and(['reportDisagrees', 'answersOutstandingPay']),
            actions: ['releasePay', 'reportDisagreement', 'callCancel'],
          },
          refusedPayFails,
          sendHeldCancel,
        ],
        SESSION_ANSWERED: [refusedPayFails, sendHeldCancel],
        GATEWAY_UNANSWERED: [{ guard: 'cancelUnanswered', actions: 'scheduleReconcile' }, sendHeldCancel],
        TIMER_FIRED: { guard: 'reconcileFired', actions: 'callCancel' },
        CANCEL: { actions: 'recordDuplicate' },
        // The cancel may yet be refused and the payment found captured: a refund made elsewhere waits until then.
        REFUND_NOTIFIED: deferExternalRefund,
      },
    },
    cancelled: {
      tags: 'terminal',
      entry: 'publishCancelled',
      on: {
        CANCEL: { actions: 'recordDuplicate' },
        PAY_ANSWERED: answerUnlessLate,
        PAYMENT_NOTIFIED: conflictUnlessLate,
        // An inquiry sent before the cancel went through can still answer SUCCESS: late, like the pay's own answer.
        INQUIRY_ANSWERED: inquiryUnlessLate,
        CAPTURE_NOTIFIED: lateCaptureKept,
        ...afterNotFound,
      },
    },
    failed: {
      tags: 'terminal',
      entry: 'publishFailed',
      on: {
        PAY_ANSWERED: [...conflictIfPaymentSucceeded, { actions: namedLate }],
        VERIFY_ANSWERED: conflictIfPaymentSucceeded,
        PAYMENT_NOTIFIED: conflictIfPaymentSucceeded,
        INQUIRY_ANSWERED: first(['releaseInquiry'], [...conflictIfPaymentSucceeded, { actions: namedLate }]),
        CAPTURE_NOTIFIED: conflictIfPaymentSucceeded,
      },
    },
    expired: {
      tags: 'terminal',
      entry: 'publishExpired',
      on: {
        PAY_ANSWERED: answerUnlessLate,
        PAYMENT_NOTIFIED: conflictUnlessLate,
        INQUIRY_ANSWERED: inquiryUnlessLate,
        CAPTURE_NOTIFIED: lateCaptureKept,
        ...afterNotFound,
      },
    },
  },
})
