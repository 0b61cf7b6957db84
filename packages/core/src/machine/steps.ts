import type { Command } from './commands.js'
import type { PaymentContext } from './context.js'
import * as d from './decisions.js'
import type { PaymentEvent } from './events.js'
import * as u from './updates.js'

type Update = (context: PaymentContext, event: PaymentEvent) => Partial<PaymentContext>

const anomaly =
  (reason: 'ignored' | 'duplicate' | 'rejected' | 'deferred'): Update =>
  (context, event) =>
    u.recordAnomaly(context, { at: event.at, event: event.type, reason })

/** What the machine records, by the name its transitions give: each returns the part of the context it changes. */
export const UPDATES = {
  startSubmission: u.startSubmission,
  countPayAttempt: u.countPayAttempt,
  releasePay: u.releasePay,
  recordCustomerAction: u.recordCustomerAction,
  recordOtpSubmitted: u.recordOtpSubmitted,
  recordOtpRejected: u.recordOtpRejected,
  recordFailure: u.recordFailure,
  recordSessionUnanswered: u.recordSessionUnanswered,
  recordNoActionReturned: u.recordNoActionReturned,
  recordPaymentSuccess: u.recordPaymentSuccess,
  recordCaptureSucceeded: u.recordCaptureSucceeded,
  recordAutomaticCapturePending: u.recordAutomaticCapturePending,
  recordCaptureRequested: u.recordCaptureRequested,
  recordCaptureFailed: u.recordCaptureFailed,
  failUnreceivedCapture: u.failUnreceivedCapture,
  recordRefundRequested: u.recordRefundRequested,
  recordRefundOutcome: u.recordRefundOutcome,
  countInquiry: u.countInquiry,
  countCaptureAttempt: u.countCaptureAttempt,
  countRefundInquiry: u.countRefundInquiry,
  countRefundSend: u.countRefundSend,
  adoptReportedAmount: u.adoptReportedAmount,
  releaseInquiry: u.releaseInquiry,
  adoptAnsweredPaymentId: u.adoptAnsweredPaymentId,
  confirmCancel: u.confirmCancel,
  resolvePaymentConflicts: u.resolvePaymentConflicts,
  resolveRefundConflicts: u.resolveRefundConflicts,
  acknowledgeConflicts: u.acknowledgeConflicts,
  cancelForMerchant: () => ({ cancelReason: 'merchant' }),
  cancelledByGateway: () => ({ cancelReason: 'gateway' }),
  cancelForExpiry: () => ({ cancelReason: 'paymentExpiry' }),
  cancelForCaptureDeadline: () => ({ cancelReason: 'captureDeadline' }),
  recordIgnored: anomaly('ignored'),
  recordDuplicate: anomaly('duplicate'),
  deferNotification: anomaly('deferred'),
} satisfies Record<string, Update>

/** Decisions that may change the context as well as emit commands. */
export const DECISIONS = {
  reportDisagreement: d.reportDisagreement,
  reportOutcomeConflict: d.reportOutcomeConflict,
  reportRefundExceedsCaptured: d.reportRefundExceedsCaptured,
  recordExternalRefund: d.recordExternalRefund,
  failUnreceivedRefund: d.failUnreceivedRefund,
  recordRejected: d.recordRejected,
  publishReadyToShip: d.publishReadyToShip,
  callRefundAgain: d.callRefundAgain,
  callPay: d.callPay,
  callCreateSession: d.callCreateSession,
  callVerify: d.callVerify,
  callInquiry: d.callInquiry,
  callCapture: d.callCapture,
  callCancel: d.callCancel,
  callRefund: d.callRefund,
  callRefundInquiries: d.callRefundInquiries,
  scheduleCaptureDeadline: d.scheduleCaptureDeadline,
} satisfies Record<string, (context: PaymentContext, event: PaymentEvent) => d.Decision>

/** Decisions that only emit commands. */
export const EMITS = {
  scheduleExpiry: d.scheduleExpiry,
  scheduleReconcile: d.scheduleReconcile,
  scheduleRefundReconcile: d.scheduleRefundReconcile,
  reconcileIfConflicted: d.reconcileIfConflicted,
  keepCaptureDeadline: d.keepCaptureDeadline,
  cancelExpiryTimer: d.cancelTimer('paymentExpiry'),
  cancelReconcileTimer: d.cancelTimer('reconcile'),
  cancelRefundReconcileTimer: d.cancelTimer('refundReconcile'),
  cancelCaptureDeadlineTimer: d.cancelTimer('captureDeadline'),
  publishCustomerAction: d.publishCustomerAction,
  publishOtpRetry: d.publishOtpRetry,
  publishAuthorized: d.publishAuthorized,
  publishSucceeded: d.publishSucceeded,
  publishCaptureFailed: d.publishCaptureFailed,
  publishFailed: d.publishFailed,
  publishCancelled: d.publishCancelled,
  publishExpired: d.publishExpired,
  publishRefundOutcome: d.publishRefundOutcome,
} satisfies Record<string, d.Emit>

export type StepName = keyof typeof UPDATES | keyof typeof DECISIONS | keyof typeof EMITS

type Decide = (context: PaymentContext, event: PaymentEvent) => d.Decision

/** Every step as a decision, by name. */
const STEPS = new Map<StepName, Decide>([
  ...Object.entries(UPDATES).map(([name, update]): [StepName, Decide] => [
    name as StepName,
    (context, event) => {
      const changed = update(context, event)
      return changed === u.unchanged ? d.none : { update: changed, commands: [] }
    },
  ]),
  ...Object.entries(DECISIONS).map(([name, decide]): [StepName, Decide] => [name as StepName, decide]),
  ...Object.entries(EMITS).map(([name, emit]): [StepName, Decide] => [
    name as StepName,
    (context, event) => ({ commands: emit(context, event) }),
  ]),
])

const decide = (name: StepName, context: PaymentContext, event: PaymentEvent): d.Decision =>
  (STEPS.get(name) as Decide)(context, event)

/**
 * Several named steps as one decision, in order: each sees the context as the steps before it left it. Their
 * updates add up to one, so that xstate copies the context and the snapshot once for the lot, not once a step.
 */
export const decideInOrder = (
  names: ReadonlyArray<StepName>,
  context: PaymentContext,
  event: PaymentEvent,
): d.Decision => {
  let current = context
  // Steps read the context and return what changes; none keeps it, so one private copy is written in place.
  let working: { -readonly [K in keyof PaymentContext]: PaymentContext[K] } | undefined
  let update: Partial<PaymentContext> | undefined
  const commands: Command[] = []
  for (const name of names) {
    const decision = decide(name, current, event)
    if (decision.update !== undefined) {
      update = update === undefined ? decision.update : { ...update, ...decision.update }
      working ??= { ...context }
      Object.assign(working, decision.update)
      current = working
    }
    for (const command of decision.commands) commands.push(command)
  }
  return update === undefined ? { commands } : { update, commands }
}
