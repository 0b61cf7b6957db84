import type { Flow, PaymentContext, ReconcilePolicy, RefundRecord } from './context.js'
import type { PaymentEvent } from './events.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

export const isBankTransfer = (paymentMethodType: string | undefined): boolean =>
  paymentMethodType !== undefined && /BANK_?TRANSFER/.test(paymentMethodType)

/** The spec's default payment expiry: 1 hour for a Checkout Page session, 48 hours for bank transfer, else 14 minutes. */
export const defaultExpiryMs = (flow: Flow, paymentMethodType: string | undefined): number => {
  if (flow === 'checkoutSession') return HOUR
  if (isBankTransfer(paymentMethodType)) return 48 * HOUR
  return 14 * MINUTE
}

/**
 * How long the gateway keeps a payment open once the buyer picked its method on a Checkout Page
 * (embedded-checkout-page: 14 minutes by default, PayEasy and Konbini 7 days, bank transfer 48 hours).
 */
export const methodTimeoutMs = (paymentMethodType: string | undefined): number => {
  if (paymentMethodType !== undefined && /KONBINI|PAYEASY/.test(paymentMethodType)) return 7 * 24 * HOUR
  if (isBankTransfer(paymentMethodType)) return 48 * HOUR
  return 14 * MINUTE
}

/** The payment's expiry as set when it was submitted at `submittedAt`: the merchant's own, else the spec's default. */
export const submittedExpiryAt = (context: PaymentContext, submittedAt: number): number =>
  context.terms.requestedExpiresAt ?? submittedAt + defaultExpiryMs(context.terms.flow, context.paymentMethodType)

/**
 * When a Checkout Page payment closes once its buyer picked `method`: the spec's "payment method timeout plus the
 * payment session expiry time".
 */
export const sessionMethodDeadline = (context: PaymentContext, method: string): number =>
  submittedExpiryAt(context, context.times.submittedAt ?? 0) + methodTimeoutMs(method)

/** The spec's caps on a pay's own paymentExpiryTime: under 48 hours after the request for bank transfer, else under 10 minutes. */
export const maxRequestedExpiryMs = (paymentMethodType: string | undefined): number =>
  isBankTransfer(paymentMethodType) ? 48 * HOUR : 10 * MINUTE

/** The spec sets a capture mode (paymentFactor.captureMode) for a card; a Checkout Page session passes it to the card the buyer picks. */
export const takesCaptureMode = (flow: Flow, paymentMethodType: string | undefined): boolean =>
  flow === 'checkoutSession' || paymentMethodType === 'CARD'

/** Capture is due within 7 days of authorization. */
export const DEFAULT_CAPTURE_WINDOW_MS = 7 * 24 * HOUR

export const DEFAULT_RECONCILE_POLICY: ReconcilePolicy = { firstDelayMs: MINUTE, factor: 2, maxDelayMs: 30 * MINUTE }

export const DEFAULT_MAX_PAY_ATTEMPTS = 3

/**
 * How long the gateway goes on delivering one notification: resends after 0 and 2 minutes, 10, 10, 1 hour, 2, 6
 * and 15 hours (the spec's "sending intervals"), about 24.4 hours in all.
 */
export const NOTIFICATION_RETRY_WINDOW_MS = (0 + 2 + 10 + 10 + 60 + 120 + 360 + 900) * 60_000

/**
 * A payment closed on the gateway's ORDER_NOT_EXIST keeps asking the gateway, at the reconcile backoff, this long
 * after: a pay still on its way may land, and if its answer and notifications are lost too, only an inquiry tells.
 */
export const LATE_PAY_WATCH_MS = HOUR

/**
 * A capture given up after sends the gateway showed no trace of is still looked for, at the reconcile backoff, this
 * long after: one of its sends may land late, and if its answer and notifications are lost too, only an inquiry tells.
 */
export const LATE_CAPTURE_WATCH_MS = HOUR

/**
 * Past its watch, a send given up without trace (a pay, a capture, a refund) is looked for once more, when the
 * gateway's resends of a notification made at the watch's end would be over: a send that landed after the watch, its
 * notification lost, is told by nothing else. The look has a timer of its own (`lastLook`), which no other timer moves.
 */
export const LAST_LOOK_AFTER_WATCH_MS = NOTIFICATION_RETRY_WINDOW_MS

/**
 * An inquiry left unanswered this soon after a last look is taken as the look's own: the look is made again (see
 * `LastLookAsked`). It covers a relay that ran the inquiry late (a crash, a lapsed lease).
 */
export const LAST_LOOK_ANSWER_MS = HOUR

/** The last look for a pay that lands after its payment closed on ORDER_NOT_EXIST, from the close. */
export const LATE_PAY_LAST_LOOK_MS = LATE_PAY_WATCH_MS + LAST_LOOK_AFTER_WATCH_MS

/** The last look for a capture given up without trace, from the give-up. */
export const LATE_CAPTURE_LAST_LOOK_MS = LATE_CAPTURE_WATCH_MS + LAST_LOOK_AFTER_WATCH_MS

/**
 * The time a watch judges a look by: when its timer was due. A relay that ran late (a process down for a while) fires
 * the timer later, and the look the watch promised is still made, once.
 */
export const dueAtOf = (event: PaymentEvent): number =>
  event.type === 'TIMER_FIRED' && event.dueAt !== undefined ? event.dueAt : event.at

/** Closed on ORDER_NOT_EXIST, and no pay has landed since: a pay on its way is looked for. */
export const watchesForLatePay = (context: PaymentContext): boolean =>
  context.cancel.notFoundAt !== undefined && context.cancel.lateSuccessAt === undefined && !context.cancel.confirmed

/** `ms` after `since`; undefined when there is no `since` (nothing given up, nothing watched). */
const after = (since: number | undefined, ms: number): number | undefined =>
  since === undefined ? undefined : since + ms

const watchedSinceNotFound = (context: PaymentContext): number | undefined =>
  watchesForLatePay(context) ? context.cancel.notFoundAt : undefined

/** Until when a payment closed on ORDER_NOT_EXIST is watched for a pay that lands after all. */
export const latePayWatchEnd = (context: PaymentContext): number | undefined =>
  after(watchedSinceNotFound(context), LATE_PAY_WATCH_MS)

/** When a payment closed on ORDER_NOT_EXIST is looked at the last time for a pay that landed after all. */
export const latePayLastLook = (context: PaymentContext): number | undefined =>
  after(watchedSinceNotFound(context), LATE_PAY_LAST_LOOK_MS)

const captureGivenUpAt = (context: PaymentContext): number | undefined =>
  context.capture?.status === 'failed' ? context.capture.givenUpAt : undefined

/** Until when the current capture, given up without trace, is looked for; undefined when it was not given up. */
export const lateCaptureWatchEnd = (context: PaymentContext): number | undefined =>
  after(captureGivenUpAt(context), LATE_CAPTURE_WATCH_MS)

/** When the current capture, given up without trace, is looked for the last time. */
export const lateCaptureLastLook = (context: PaymentContext): number | undefined =>
  after(captureGivenUpAt(context), LATE_CAPTURE_LAST_LOOK_MS)

/** The same watch for a refund given up after sends the gateway showed no trace of. */
export const LATE_REFUND_WATCH_MS = HOUR

const refundGivenUpAt = (refund: RefundRecord): number | undefined =>
  refund.status === 'failed' ? refund.givenUpAt : undefined

/** Until when a refund, given up without trace, is looked for; undefined when it was not given up. */
export const lateRefundWatchEnd = (refund: RefundRecord): number | undefined =>
  after(refundGivenUpAt(refund), LATE_REFUND_WATCH_MS)

/**
 * The last look for a refund given up without trace, from the give-up: without it, a send landing after the watch with
 * its notification lost stays failed here, and a merchant who refunds again would refund twice.
 */
export const LATE_REFUND_LAST_LOOK_MS = LATE_REFUND_WATCH_MS + LAST_LOOK_AFTER_WATCH_MS

/** When a refund given up without trace is looked for the last time; undefined when it was not given up. */
export const lateRefundLastLook = (refund: RefundRecord): number | undefined =>
  after(refundGivenUpAt(refund), LATE_REFUND_LAST_LOOK_MS)

/** A capture the gateway shows no trace of is sent again under its captureRequestId, up to this many sends in all. */
export const MAX_CAPTURE_ATTEMPTS = 3

/** A refund the gateway shows no trace of is sent again under its refundRequestId, up to this many sends in all. */
export const MAX_REFUND_SENDS = 3

/** The request id of the refund that reverses a success which landed after the payment closed. */
export const reversalRequestId = (context: PaymentContext): string => `${context.paymentRequestId}-reversal`

/**
 * The refund that reverses a late success is the engine's to make, not a merchant's to ask again (a closed payment
 * takes no refund): past its first sends it is sent again whenever an inquiry finds no trace of it, on the refund
 * reconcile backoff, until this long after it was asked for.
 */
export const REVERSAL_SEND_WINDOW_MS = 24 * HOUR

/** Whether a refund of ours the gateway has no trace of is sent again at `at`, or given up. */
export const maySendRefundAgain = (context: PaymentContext, refund: RefundRecord, at: number): boolean =>
  refund.origin !== 'external' &&
  ((refund.sends ?? 1) < MAX_REFUND_SENDS ||
    (refund.refundRequestId === reversalRequestId(context) &&
      refund.at !== undefined &&
      at < refund.at + REVERSAL_SEND_WINDOW_MS))

/** A customer's return asks the gateway at most once in this long (see `mayInquireForCustomer`). */
export const CUSTOMER_INQUIRY_INTERVAL_MS = 10_000

/** An inquiry unanswered for longer than this is taken as lost: a customer's return may ask again. */
export const INQUIRY_IN_FLIGHT_MS = 2 * MINUTE

/** Delay before the n-th inquiry (n from 0): about a minute first, then growing, capped. */
export const reconcileDelayMs = (policy: ReconcilePolicy, attempt: number): number =>
  Math.min(policy.firstDelayMs * policy.factor ** attempt, policy.maxDelayMs)

/**
 * Methods the gateway authorizes first and captures apart, telling the capture with CAPTURE_RESULT: CARD, GOOGLEPAY and
 * PAYPAL (embedded-checkout-page: which notification to ship on), APPLEPAY (its inquiry answer) and MIXEDCARD (its
 * inquiry sample, a CAPTURE transaction).
 */
const SEPARATELY_CAPTURED: ReadonlySet<string> = new Set(['CARD', 'MIXEDCARD', 'APPLEPAY', 'GOOGLEPAY', 'PAYPAL'])

/** For these methods only a CAPTURE_RESULT makes the payment ready to ship. */
export const capturesSeparately = (paymentMethodType: string | undefined): boolean =>
  paymentMethodType !== undefined && SEPARATELY_CAPTURED.has(paymentMethodType)

/**
 * Codes a buyer may enter for one payment, lost verifications included: past it a wrong code ends the payment, whatever
 * the gateway's own limit (VERIFY_TIMES_EXCEED_LIMIT), and an order starts a new attempt with a new code.
 */
export const MAX_OTP_SUBMISSIONS = 5
