import { assign, enqueueActions, setup } from 'xstate'
import type { PaymentContext, PaymentInput } from './context.js'
import * as d from './decisions.js'
import type { PaymentEmitted } from './emitted.js'
import type { PaymentEvent } from './events.js'
import * as g from './guards.js'
import { refusalOf } from './refusals.js'
import type { PaymentTag } from './tags.js'
import * as u from './updates.js'

type Args = { readonly context: PaymentContext; readonly event: PaymentEvent }

const guard =
  (predicate: (context: PaymentContext, event: PaymentEvent) => boolean) =>
  ({ context, event }: Args) =>
    predicate(context, event)

/** `enqueueActions` for this machine: assigns to its context, emits what it tells. */
const queueing = enqueueActions<
  PaymentContext,
  PaymentEvent,
  undefined,
  PaymentEvent,
  never,
  never,
  never,
  never,
  PaymentEmitted
>
type Enqueue = Parameters<Parameters<typeof queueing>[0]>[0]['enqueue']

/** An update that always changes the context. */
const assigning = (update: (context: PaymentContext, event: PaymentEvent) => Partial<PaymentContext>) =>
  assign<PaymentContext, PaymentEvent, undefined, PaymentEvent, never>(({ context, event }) => update(context, event))

const emitCommands = (enqueue: Enqueue, decision: d.Decision) => {
  if (decision.update !== undefined) enqueue.assign(decision.update)
  for (const command of decision.commands) enqueue.emit({ type: 'command', command })
}

/** A pure decision: its update is assigned (none, and the context stays the same object), its commands emitted in order. */
const deciding = (decide: (context: PaymentContext, event: PaymentEvent) => d.Decision) =>
  queueing(({ context, event, enqueue }) => emitCommands(enqueue, decide(context, event)))

/** An update that may change nothing: then nothing is assigned, so that a step that changes nothing writes nothing. */
const updating = (update: (context: PaymentContext, event: PaymentEvent) => Partial<PaymentContext>) =>
  deciding((context, event) => {
    const changed = update(context, event)
    return changed === u.unchanged ? d.none : { update: changed, commands: [] }
  })

const instructing = (instruct: d.Instruct) => deciding((context, event) => ({ commands: instruct(context, event) }))

const anomaly = (reason: 'ignored' | 'duplicate') =>
  assigning((context, event) => u.recordAnomaly(context, { at: event.at, event: event.type, reason }))

/** Every action by the name the chart uses. */
const ACTIONS = {
  // What the payment records.
  startSubmission: assigning(u.startSubmission),
  countPayAttempt: assigning(u.countPayAttempt),
  releasePay: updating(u.releasePay),
  extendExpiryForMethod: updating(u.extendExpiryForMethod),
  recordCustomerAction: updating(u.recordCustomerAction),
  recordOtpSubmitted: updating(u.recordOtpSubmitted),
  recordOtpRejected: updating(u.recordOtpRejected),
  recordFailure: updating(u.recordFailure),
  recordSessionUnanswered: updating(u.recordSessionUnanswered),
  recordNoActionReturned: updating(u.recordNoActionReturned),
  recordPaymentSuccess: updating(u.recordPaymentSuccess),
  recordCaptureSucceeded: updating(u.recordCaptureSucceeded),
  recordAutomaticCapturePending: updating(u.recordAutomaticCapturePending),
  recordCaptureRequested: updating(u.recordCaptureRequested),
  recordCaptureFailed: updating(u.recordCaptureFailed),
  failRefusedCapture: updating(u.failRefusedCapture),
  failUnreceivedCapture: updating(u.failUnreceivedCapture),
  supersedeCapture: updating(u.supersedeCapture),
  recordLateCancelRefused: updating(u.recordLateCancelRefused),
  retryLateCancel: updating(u.retryLateCancel),
  forgetLateSuccess: updating(u.forgetLateSuccess),
  recordEarlierCaptureSucceeded: updating(u.recordEarlierCaptureSucceeded),
  recordRefundRequested: updating(u.recordRefundRequested),
  recordRefundOutcome: updating(u.recordRefundOutcome),
  countInquiry: updating(u.countInquiry),
  countCaptureAttempt: updating(u.countCaptureAttempt),
  countRefundInquiry: updating(u.countRefundInquiry),
  countRefundSend: updating(u.countRefundSend),
  adoptReportedAmount: updating(u.adoptReportedAmount),
  releaseInquiry: updating(u.releaseInquiry),
  adoptAnsweredPaymentId: updating(u.adoptAnsweredPaymentId),
  learnCard: updating(u.learnCard),
  confirmCancel: updating(u.confirmCancel),
  recordCancelRefused: updating(u.recordCancelRefused),
  recordNotFound: assigning(u.recordNotFound),
  resolvePaymentConflicts: updating(u.resolvePaymentConflicts),
  resolveRefundConflicts: updating(u.resolveRefundConflicts),
  acknowledgeConflicts: updating(u.acknowledgeConflicts),
  cancelForMerchant: assigning(u.cancelFor('merchant')),
  discardForReplacement: assigning(u.cancelFor('draftReplaced')),
  cancelledByGateway: assigning(u.cancelFor('gateway')),
  cancelForExpiry: assigning(u.cancelFor('paymentExpiry')),
  cancelForCaptureDeadline: assigning(u.cancelFor('captureDeadline')),
  recordIgnored: anomaly('ignored'),
  recordDuplicate: anomaly('duplicate'),

  // What it tells whoever runs it, besides commands.
  recordRejected: queueing(({ context, event, enqueue }) => {
    const refusal = refusalOf(context, event)
    enqueue.assign(u.recordAnomaly(context, { at: event.at, event: event.type, reason: 'rejected', refusal }))
    enqueue.emit({ type: 'refused', refusal })
  }),
  deferNotification: queueing(({ context, event, enqueue }) => {
    enqueue.assign(u.recordAnomaly(context, { at: event.at, event: event.type, reason: 'deferred' }))
    enqueue.emit({ type: 'deferred' })
  }),

  // What it decides: context updates with the commands that go with them.
  reportDisagreement: deciding(d.reportDisagreement),
  reportOutcomeConflict: deciding(d.reportOutcomeConflict),
  reportRefundExceedsCaptured: deciding(d.reportRefundExceedsCaptured),
  recordExternalRefund: deciding(d.recordExternalRefund),
  failUnreceivedRefund: deciding(d.failUnreceivedRefund),
  publishReadyToShip: deciding(d.publishReadyToShip),
  cancelLateSuccess: deciding(d.cancelLateSuccess),
  reverseLateSuccess: deciding(d.reverseLateSuccess),
  callRefundAgain: deciding(d.callRefundAgain),
  callPay: deciding(d.callPay),
  callCreateSession: deciding(d.callCreateSession),
  callVerify: deciding(d.callVerify),
  callInquiry: deciding(d.callInquiry),
  callCapture: deciding(d.callCapture),
  callCancel: deciding(d.callCancel),
  callRefund: deciding(d.callRefund),
  callRefundInquiries: deciding(d.callRefundInquiries),
  scheduleCaptureDeadline: deciding(d.scheduleCaptureDeadline),

  // Commands alone.
  scheduleExpiry: instructing(d.scheduleExpiry),
  scheduleReconcile: instructing(d.scheduleReconcile),
  watchForLatePay: instructing(d.watchForLatePay),
  watchForLateCapture: instructing(d.watchForLateCapture),
  scheduleLastLook: instructing(d.scheduleLastLook),
  lookLastTime: deciding(d.lookLastTime),
  lookAgainIfUnanswered: deciding(d.lookAgainIfUnanswered),
  recordWatchEndLook: deciding(d.recordWatchEndLook),
  lookAfterRefusedCancel: deciding(d.lookAfterRefusedCancel),
  scheduleRefundReconcile: instructing(d.scheduleRefundReconcile),
  reconcileIfConflicted: instructing(d.reconcileIfConflicted),
  keepCaptureDeadline: instructing(d.keepCaptureDeadline),
  cancelExpiryTimer: instructing(d.cancelTimer('paymentExpiry')),
  cancelReconcileTimer: instructing(d.cancelTimer('reconcile')),
  cancelReconcileUnlessAskingOwnResult: instructing(d.cancelReconcileUnlessAskingOwnResult),
  confirmNotifiedPaymentId: deciding(d.confirmNotifiedPaymentId),
  cancelRefundReconcileTimer: instructing(d.cancelTimer('refundReconcile')),
  cancelCaptureDeadlineTimer: instructing(d.cancelTimer('captureDeadline')),
  publishCustomerAction: instructing(d.publishCustomerAction),
  publishOtpRetry: instructing(d.publishOtpRetry),
  publishAuthorized: instructing(d.publishAuthorized),
  publishSucceeded: instructing(d.publishSucceeded),
  publishCaptureFailed: instructing(d.publishCaptureFailed),
  publishFailed: instructing(d.publishFailed),
  publishCancelled: instructing(d.publishCancelled),
  publishCancelFailed: instructing(d.publishCancelFailed),
  publishExpired: instructing(d.publishExpired),
  publishRefundOutcome: instructing(d.publishRefundOutcome),
}

/** The payment machine's vocabulary: its types, and every guard and action by the name the chart uses. */
export const paymentSetup = setup({
  types: {
    context: {} as PaymentContext,
    events: {} as PaymentEvent,
    input: {} as PaymentInput,
    emitted: {} as PaymentEmitted,
    tags: {} as PaymentTag,
  },
  guards: {
    isCheckoutSession: guard(g.isCheckoutSession),
    paymentSucceeded: guard(g.paymentSucceeded),
    paymentFailed: guard(g.paymentFailed),
    answeredS: guard(g.answeredWith('S')),
    answeredF: guard(g.answeredWith('F')),
    answeredU: guard(g.answeredWith('U')),
    capturedWithPayment: guard(g.capturedWithPayment),
    cardFactsUnknown: guard(g.cardFactsUnknown),
    ownResultUnheard: guard(g.ownResultUnheard),
    paymentIdOnlyNotified: guard(g.paymentIdOnlyNotified),
    awaitsManualCapture: guard(g.awaitsManualCapture),
    needsRedirect: guard(g.needsRedirect),
    needsOtp: guard(g.needsOtp),
    inProcessWithoutAction: guard(g.inProcessWithoutAction),
    otpCanBeRetried: guard(g.otpCanBeRetried),
    otpStillAwaited: guard(g.otpStillAwaited),
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
    lastLookFired: guard(g.timerIs('lastLook')),
    lastLookUnanswered: guard(g.lastLookUnanswered),
    refundReconcileFired: guard(g.timerIs('refundReconcile')),
    captureDeadlineFired: guard(g.timerIs('captureDeadline')),
    gatewayCancelled: guard(g.gatewayCancelled),
    gatewayStillProcessing: guard(g.gatewayStillProcessing),
    methodStillOpen: guard(g.methodStillOpen),
    canResubmit: guard(g.canResubmit),
    beforeExpiry: guard(g.beforeExpiry),
    orderNotFound: guard(g.orderNotFound),
    captureRefusedForStatus: guard(g.captureRefusedForStatus),
    verifyRefusedForStatus: guard(g.verifyRefusedForStatus),
    captureUnseen: guard(g.captureUnseen),
    canResendCapture: guard(g.canResendCapture),
    captureSucceeded: guard(g.captureSucceeded),
    earlierCaptureSucceeded: guard(g.earlierCaptureSucceeded),
    lateCancelRefused: guard(g.lateCancelRefused),
    lateSuccessUnreleased: guard(g.lateSuccessUnreleased),
    lateSuccessKept: guard(g.lateSuccessKept),
    watchingForLateCapture: guard(g.watchingForLateCapture),
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
    authorizedBeforeCancel: guard(g.authorizedBeforeCancel),
    capturePending: guard(g.capturePending),
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
    landedAfterNotFound: guard(g.landedAfterNotFound),
    watchingForLatePay: guard(g.watchingForLatePay),
    cancellingLateSuccess: guard(g.cancellingLateSuccess),
  },
  actions: ACTIONS,
})

/** The name of an action of the payment machine. */
export type PaymentActionName = keyof typeof ACTIONS
