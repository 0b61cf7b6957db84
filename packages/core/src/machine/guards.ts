import type { Money } from '../money/index.js'
import { disagreementOf, hasOpenConflict as openConflict, refundsToInquire, reportSubject } from './agreement.js'
import { capturedMinor, capturesOf, isFullyRefunded, refundableMinor, refundedMinor } from './amounts.js'
import type { PaymentContext } from './context.js'
import {
  answersPay,
  captureRequestIdOf,
  codeOf,
  inquiryStatus,
  methodOf,
  reportsPaymentFailure,
  reportsPaymentSuccess,
  statusOf,
} from './event-facts.js'
import type { GatewayOperation, PaymentEvent, TimerName } from './events.js'
import {
  CUSTOMER_INQUIRY_INTERVAL_MS,
  capturesSeparately,
  dueAtOf,
  INQUIRY_IN_FLIGHT_MS,
  LAST_LOOK_ANSWER_MS,
  lateCaptureWatchEnd,
  MAX_CAPTURE_ATTEMPTS,
  MAX_OTP_SUBMISSIONS,
  maySendRefundAgain,
  sessionMethodDeadline,
  watchesForLatePay,
} from './policy.js'
import {
  findEarlierCapture,
  findRefund,
  recordRefundOutcome,
  refundIdOf,
  refundOutcome,
  settlesRefund,
} from './updates.js'

type Guard = (context: PaymentContext, event: PaymentEvent) => boolean

export const isCheckoutSession: Guard = (context) => context.terms.flow === 'checkoutSession'

export const paymentSucceeded: Guard = (_context, event) => reportsPaymentSuccess(event)

export const paymentFailed: Guard = (_context, event) => reportsPaymentFailure(event)

export const answeredWith =
  (status: 'S' | 'F' | 'U'): Guard =>
  (_context, event) =>
    statusOf(event) === status

/** A success that is already a capture: a capture notification, an inquiry showing it, or a method paid in one step. */
export const capturedWithPayment: Guard = (context, event) =>
  event.type === 'CAPTURE_NOTIFIED' ||
  (event.type === 'INQUIRY_ANSWERED' && event.capture?.status === 'SUCCESS') ||
  !capturesSeparately(context.paymentMethodType ?? methodOf(event))

/**
 * A card payment whose card facts (the issuer's checks, the last four) are not known: they come with the payment's own
 * result alone, so that result is still worth asking for (after a capture told first, say).
 */
export const cardFactsUnknown: Guard = (context, event) =>
  (context.paymentMethodType ?? methodOf(event)) === 'CARD' && context.card === undefined

/**
 * The payment's own result is still worth asking for: its card facts are not known, or its paymentId only a
 * notification told (reports that name the payment by that id alone, a refund made in the dashboard say, would find no
 * payment under it if the notification had it wrong).
 */
export const ownResultUnheard: Guard = (context, event) =>
  cardFactsUnknown(context, event) || paymentIdOnlyNotified(context, event)

/** The payment's paymentId came from a notification alone, which may have had it wrong: no answer of ours named it. */
export const paymentIdOnlyNotified: Guard = (context) => context.paymentIdFrom === 'notification'

export const awaitsManualCapture: Guard = (context, event) =>
  capturesSeparately(context.paymentMethodType ?? methodOf(event)) && context.terms.captureMode === 'MANUAL'

const inProcess = (event: PaymentEvent) =>
  event.type === 'PAY_ANSWERED' && event.result.resultStatus === 'U' && event.result.resultCode === 'PAYMENT_IN_PROCESS'

export const needsRedirect: Guard = (_context, event) =>
  inProcess(event) &&
  event.type === 'PAY_ANSWERED' &&
  (event.nextAction?.kind === 'redirect' || event.nextAction?.kind === 'threeDS')

/** Verification is addressed by the gateway's paymentId; an OTP answer without one is reconciled instead. */
export const needsOtp: Guard = (_context, event) =>
  inProcess(event) && event.type === 'PAY_ANSWERED' && event.nextAction?.kind === 'otp' && event.paymentId !== undefined

/** The spec: PAYMENT_IN_PROCESS with no URL means the transaction was not created. */
export const inProcessWithoutAction: Guard = (_context, event) =>
  inProcess(event) && event.type === 'PAY_ANSWERED' && event.nextAction === undefined

/**
 * A wrong code: the buyer may enter another, up to `MAX_OTP_SUBMISSIONS` codes in all. VERIFY_TIMES_EXCEED_LIMIT and
 * EXPIRED_CODE end the payment (a new code needs a new pay: in an order, a new attempt), as any other refusal does.
 */
export const otpCanBeRetried: Guard = (context, event) =>
  statusOf(event) === 'F' && codeOf(event) === 'VERIFY_UNMATCHED' && context.counts.otpAttempts < MAX_OTP_SUBMISSIONS

/**
 * An inquiry says the gateway still waits for the buyer's code (a verification or pay whose outcome was lost never
 * completed it): the buyer may enter a code again rather than wait for the expiry.
 */
export const otpStillAwaited: Guard = (context, event) =>
  inquiryStatus(event) === 'PROCESSING' &&
  context.customer.customerAction?.kind === 'otp' &&
  context.paymentId !== undefined &&
  beforeExpiry(context, event)

/**
 * The verification refused because the payment is not in a status to verify (ORDER_STATUS_INVALID): an earlier
 * verification whose answer was lost may have completed it, or it closed. The spec says to check the order's status.
 */
export const verifyRefusedForStatus: Guard = (_context, event) =>
  event.type === 'VERIFY_ANSWERED' &&
  event.result.resultStatus === 'F' &&
  event.result.resultCode === 'ORDER_STATUS_INVALID'

export const answersCurrentVerify: Guard = (context, event) =>
  event.type === 'VERIFY_ANSWERED'
    ? event.verifyRequestId === context.customer.verifyRequestId
    : event.type === 'GATEWAY_UNANSWERED' &&
      event.operation === 'verifyAndCompletePayment' &&
      event.requestId === context.customer.verifyRequestId

/** The pay's own answer while it is outstanding; a repeat of an answer already taken is not. */
export const answersOutstandingPay: Guard = (context, event) => context.inFlight.payOutstanding && answersPay(event)

export const unanswered =
  (operation: GatewayOperation): Guard =>
  (_context, event) =>
    event.type === 'GATEWAY_UNANSWERED' && event.operation === operation

/** An inquiry the latest last look made went unanswered, and the look is not already to be made again. */
export const lastLookUnanswered: Guard = (context, event) => {
  const look = context.inFlight.lastLook
  if (event.type !== 'GATEWAY_UNANSWERED' || look === undefined || look.askAgain) return false
  if (event.at - look.askedAt > LAST_LOOK_ANSWER_MS) return false
  if (event.operation === 'inquiryPayment') return look.payment
  return (
    event.operation === 'inquiryRefund' &&
    event.requestId !== undefined &&
    look.refundRequestIds.includes(event.requestId)
  )
}

export const timerIs =
  (timer: TimerName): Guard =>
  (_context, event) =>
    event.type === 'TIMER_FIRED' && event.timer === timer

export const gatewayCancelled: Guard = (_context, event) => inquiryStatus(event) === 'CANCELLED'

/** An inquiry says the gateway holds the payment still open: PROCESSING or PENDING. */
const stillOpenAtGateway = (event: PaymentEvent): boolean => {
  const status = inquiryStatus(event)
  return status === 'PROCESSING' || status === 'PENDING'
}

export const gatewayStillProcessing: Guard = (_context, event) =>
  stillOpenAtGateway(event) || orderNotFound(_context, event)

/**
 * A Checkout Page session past its expiry whose buyer picked a method the gateway still processes: the spec keeps it
 * open for the method's own timeout after the session's (48 hours for bank transfer), so it is not cancelled yet.
 */
export const methodStillOpen: Guard = (context, event) => {
  const method = methodOf(event)
  return (
    context.terms.flow === 'checkoutSession' &&
    stillOpenAtGateway(event) &&
    method !== undefined &&
    (context.times.expiresAt ?? event.at) < sessionMethodDeadline(context, method)
  )
}

/** The gateway has no such payment: an inquiry or a cancel answered F ORDER_NOT_EXIST. */
export const orderNotFound: Guard = (_context, event) =>
  (event.type === 'INQUIRY_ANSWERED' || event.type === 'CANCEL_ANSWERED') &&
  event.result.resultStatus === 'F' &&
  event.result.resultCode === 'ORDER_NOT_EXIST'

/** The payment's expiry has not passed when the event happened (a payment without one never expires here). */
export const beforeExpiry: Guard = (context, event) =>
  context.times.expiresAt === undefined || event.at < context.times.expiresAt

/**
 * A pay that never reached the gateway is safe to send again under the same paymentRequestId, a bounded number of
 * times, never once the payment's expiry has passed (expiring settles it then), and never after a cancel was sent.
 */
export const canResubmit: Guard = (context, event) =>
  context.terms.flow === 'pay' &&
  context.cancel.reason === undefined &&
  orderNotFound(context, event) &&
  context.counts.payAttempts < context.terms.maxPayAttempts &&
  beforeExpiry(context, event)

/** The event names a capture of ours that came before the current one. */
const namesEarlierCapture: Guard = (context, event) => findEarlierCapture(context, event) !== undefined

const isForCurrentCapture: Guard = (context, event) => {
  if (namesEarlierCapture(context, event)) return false
  if (event.type !== 'CAPTURE_ANSWERED' && event.type !== 'CAPTURE_NOTIFIED' && event.type !== 'GATEWAY_UNANSWERED') {
    return event.type === 'INQUIRY_ANSWERED'
  }
  const ours = context.capture?.captureRequestId
  const theirs = captureRequestIdOf(event)
  return ours === undefined || theirs === undefined || ours === theirs
}

const reportsCaptureSuccess = (event: PaymentEvent) =>
  event.type === 'INQUIRY_ANSWERED' ? event.capture?.status === 'SUCCESS' : statusOf(event) === 'S'

/**
 * An inquiry shows the payment paid and no capture at all while our capture is pending: the gateway never received
 * it (a capture it received shows as a CAPTURE transaction). Only a capture we asked for, under its request id.
 */
export const captureUnseen: Guard = (context, event) =>
  event.type === 'INQUIRY_ANSWERED' &&
  event.result.resultStatus === 'S' &&
  event.paymentStatus === 'SUCCESS' &&
  event.capture === undefined &&
  context.capture?.status === 'pending' &&
  context.capture.captureRequestId !== undefined

export const canResendCapture: Guard = (context) => context.counts.captureAttempts < MAX_CAPTURE_ATTEMPTS

export const captureSucceeded: Guard = (context, event) =>
  isForCurrentCapture(context, event) && reportsCaptureSuccess(event)

/** A capture given up before the current one was asked for reached the gateway after all, and it succeeded. */
export const earlierCaptureSucceeded: Guard = (context, event) =>
  namesEarlierCapture(context, event) && reportsCaptureSuccess(event)

export const captureFailed: Guard = (context, event) =>
  isForCurrentCapture(context, event) &&
  (event.type === 'INQUIRY_ANSWERED' ? event.capture?.status === 'FAIL' : statusOf(event) === 'F')

/**
 * The capture refused because the payment is not in a status to capture (ORDER_STATUS_INVALID): captured already by a
 * send given up earlier that landed, or closed at the gateway. Only the gateway's own status tells which.
 */
export const captureRefusedForStatus: Guard = (context, event) =>
  captureFailed(context, event) &&
  event.type === 'CAPTURE_ANSWERED' &&
  event.result.resultCode === 'ORDER_STATUS_INVALID'

const sameMoney = (a: Money, b: Money) => a.currency === b.currency && a.minor === b.minor

/**
 * The same capture asked again: its request id and its amount (the whole authorization when none is given), the
 * current capture's or an earlier one's that failed (the gateway answers it again the same).
 */
export const captureIsDuplicate: Guard = (context, event) =>
  event.type === 'CAPTURE' &&
  capturesOf(context).some(
    (c) =>
      c.captureRequestId === event.captureRequestId &&
      sameMoney(c.amount, event.amount ?? context.authorized ?? context.amount),
  )

export const captureIsValid: Guard = (context, event) => {
  if (event.type !== 'CAPTURE' || context.authorized === undefined) return false
  if (capturesOf(context).some((c) => c.captureRequestId === event.captureRequestId)) return false
  const amount = event.amount ?? context.authorized
  return amount.currency === context.authorized.currency && amount.minor > 0 && amount.minor <= context.authorized.minor
}

/** The same refund asked again: its request id and its amount; the same id with another amount is refused. */
export const refundIsDuplicate: Guard = (context, event) =>
  event.type === 'REFUND' &&
  context.refunds.some((r) => r.refundRequestId === event.refundRequestId && sameMoney(r.amount, event.amount))

export const refundIsValid: Guard = (context, event) =>
  event.type === 'REFUND' &&
  !context.refunds.some((r) => r.refundRequestId === event.refundRequestId) &&
  event.amount.currency === context.amount.currency &&
  event.amount.minor > 0 &&
  event.amount.minor <= refundableMinor(context) &&
  capturedMinor(context) > 0

/** A refund event that settles a refund still pending. */
export const settlesPendingRefund: Guard = (context, event) => {
  const outcome = refundOutcome(event)
  const refund = findRefund(context, event)
  return outcome !== undefined && refund !== undefined && settlesRefund(refund, outcome)
}

/** A refund reported succeeded that would take refunds past the capture: the gateway says too much. */
export const refundOverCapture: Guard = (context, event) => {
  const refund = findRefund(context, event)
  return (
    refundOutcome(event) === 'succeeded' &&
    refund !== undefined &&
    settlesRefund(refund, 'succeeded') &&
    refundedMinor(context) + refund.amount.minor > capturedMinor(context)
  )
}

/** A refund event that contradicts a refund already settled the other way. */
export const contradictsSettledRefund: Guard = (context, event) => {
  const outcome = refundOutcome(event)
  const refund = findRefund(context, event)
  return outcome !== undefined && refund !== undefined && refund.status !== outcome && !settlesRefund(refund, outcome)
}

export const completesRefunds: Guard = (context, event) =>
  settlesPendingRefund(context, event) && isFullyRefunded({ ...context, ...recordRefundOutcome(context, event) })

/** Refunds to ask the gateway about: those still pending, and those a conflict is open about. */
export const hasRefundsToInquire: Guard = (context, event) => refundsToInquire(context, dueAtOf(event)).length > 0

/** The event reports an amount, currency or paymentId that is not this payment's: it is held, never applied. */
export const reportDisagrees: Guard = (context, event) => disagreementOf(context, event) !== undefined

export const hasOpenConflict: Guard = (context) => openConflict(context)

/** A report about the payment (or its capture) while a conflict about it is open: only an inquiry decides now. */
export const heldByConflict: Guard = (context, event) => openConflict(context, [reportSubject(context, event)])

/** A report about a refund while a conflict about that refund is open. */
export const refundHeldByConflict: Guard = (context, event) => {
  const id = refundIdOf(event)
  return context.conflicts.some((c) => c.resolvedAt === undefined && c.subject === 'refund' && c.refundRequestId === id)
}

/** A refund inquiry answered that the gateway has no such refund, for a refund still pending here. */
export const refundUnknownAtGateway: Guard = (context, event) =>
  event.type === 'REFUND_INQUIRY_ANSWERED' &&
  event.result.resultStatus === 'F' &&
  event.result.resultCode === 'ORDER_NOT_EXIST' &&
  findRefund(context, event)?.status === 'pending'

/** A refund of ours (never one made elsewhere) the gateway has no trace of is sent again, for a while (see policy). */
export const canResendRefund: Guard = (context, event) => {
  const refund = findRefund(context, event)
  return refund !== undefined && maySendRefundAgain(context, refund, event.at)
}

/** A successful refund notification for a refund this engine never asked for: made in the gateway's dashboard. */
export const externalRefund: Guard = (context, event) =>
  event.type === 'REFUND_NOTIFIED' &&
  event.result.resultStatus === 'S' &&
  event.amount !== undefined &&
  findRefund(context, event) === undefined

/** A refund made elsewhere that the gateway's own inquiry has not confirmed yet: only that inquiry settles it. */
export const awaitsExternalConfirmation: Guard = (context, event) => {
  const refund = findRefund(context, event)
  return refund?.origin === 'external' && refund.status === 'pending' && event.type !== 'REFUND_INQUIRY_ANSWERED'
}

/** An inquiry about a refund made elsewhere, still unconfirmed: the report it is compared with is the last one. */
export const confirmsExternalRefund: Guard = (context, event) => {
  const refund = findRefund(context, event)
  return refund?.origin === 'external' && refund.status === 'pending' && event.type === 'REFUND_INQUIRY_ANSWERED'
}

/**
 * A customer's return asks the gateway only when no inquiry is in flight (one unanswered for less than
 * `INQUIRY_IN_FLIGHT_MS` counts as in flight) and none went out in the last `CUSTOMER_INQUIRY_INTERVAL_MS`: a
 * burst of returns, or a reload loop, costs one inquiry.
 */
export const mayInquireForCustomer: Guard = (context, event) => {
  if (context.inFlight.payOutstanding) return false
  const sentAt = context.inFlight.inquirySentAt
  if (sentAt === undefined) return true
  const since = event.at - sentAt
  if (context.inFlight.inquiryOutstanding && since < INQUIRY_IN_FLIGHT_MS) return false
  return since >= CUSTOMER_INQUIRY_INTERVAL_MS
}

/** The gateway has the payment and has not failed it: paid, or in process (a buyer's 3DS page, a wallet). */
const reportsPaymentLive = (event: PaymentEvent): boolean =>
  reportsPaymentSuccess(event) ||
  (event.type === 'PAY_ANSWERED' &&
    event.result.resultStatus === 'U' &&
    event.result.resultCode === 'PAYMENT_IN_PROCESS') ||
  (event.type === 'INQUIRY_ANSWERED' && event.result.resultStatus === 'S' && event.paymentStatus === 'PROCESSING')

/** The current capture was given up without trace at the gateway, and may still land: it is watched for a while. */
export const watchingForLateCapture: Guard = (context, event) => {
  const end = lateCaptureWatchEnd(context)
  return end !== undefined && dueAtOf(event) <= end
}

/** Closed on ORDER_NOT_EXIST, and no pay has landed since: a reconcile timer looks for one (see `watchForLatePay`). */
export const watchingForLatePay: Guard = (context) => watchesForLatePay(context)

/**
 * The payment closed on the gateway's ORDER_NOT_EXIST, and the gateway now has it, paid or in process: a pay that was
 * still on its way has landed.
 */
export const landedAfterNotFound: Guard = (context, event) =>
  watchingForLatePay(context, event) && reportsPaymentLive(event)

/** The cancel of a success that landed after the payment closed is out, and the gateway has not confirmed it. */
export const cancellingLateSuccess: Guard = (context, event) =>
  lateSuccessUnreleased(context, event) && context.cancel.lateCancel !== 'kept'

/** A success landed after the payment closed, and no cancel released it: cancelling, or captured and kept. */
export const lateSuccessUnreleased: Guard = (context) =>
  context.cancel.lateSuccessAt !== undefined && !context.cancel.confirmed

/** A success that landed after the payment closed was captured: the engine refunds it (see `reverseLateSuccess`). */
export const lateSuccessKept: Guard = (context) => context.cancel.lateCancel === 'kept'

/** The gateway refused to cancel that late success: an inquiry tells whether it was captured or closed after all. */
export const lateCancelRefused: Guard = (context, event) =>
  cancellingLateSuccess(context, event) && context.cancel.lateCancel === 'refused'

/**
 * A payment result the gateway told before it confirmed the cancel (its notification, or its answer to a pay sent
 * before the cancel and answered late): the expected race (the cancel released what it had authorized), not a
 * conflict. So is another report of a late success whose cancel is already on its way.
 */
export const lateResultAfterCancel: Guard = (context, event) =>
  (context.cancel.confirmed || context.cancel.lateSuccessAt !== undefined) &&
  (event.type === 'PAYMENT_NOTIFIED' ||
    event.type === 'PAY_ANSWERED' ||
    event.type === 'VERIFY_ANSWERED' ||
    event.type === 'INQUIRY_ANSWERED') &&
  reportsPaymentSuccess(event)

export const cancelledForExpiry: Guard = (context) => context.cancel.reason === 'paymentExpiry'
export const cancelledByMerchant: Guard = (context) => context.cancel.reason === 'merchant'
/** The gateway had authorized the payment before it was cancelled: a refused cancel leaves it paid. */
export const authorizedBeforeCancel: Guard = (context) => context.times.authorizedAt !== undefined
export const capturePending: Guard = (context) => context.capture?.status === 'pending'
