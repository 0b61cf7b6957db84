import type { Money } from '../money/index.js'
import { categoryOf, type GatewayResult } from '../result-codes/index.js'
import { resolved } from './agreement.js'
import type {
  Anomaly,
  CallsInFlight,
  CancelReason,
  CaptureRecord,
  Conflict,
  CustomerFacts,
  FailureReason,
  PaymentContext,
  PaymentCounts,
  RefundRecord,
} from './context.js'
import { answersOwnCall, answersPay, captureRequestIdOf, methodOf, resultOf } from './event-facts.js'
import type { GatewayOperation, PaymentEvent } from './events.js'
import { capturesSeparately, sessionMethodDeadline, submittedExpiryAt } from './policy.js'

type Update = Partial<PaymentContext>

/** The update that changes nothing, shared, so that a sequence of steps can skip it without looking inside. */
export const unchanged: Update = Object.freeze({})

/** The part of a group that changes, merged into the group as it stands. */
const counted = (context: PaymentContext, change: Partial<PaymentCounts>): Update => ({
  counts: { ...context.counts, ...change },
})
const withCustomer = (context: PaymentContext, change: CustomerFacts): Update => ({
  customer: { ...context.customer, ...change },
})
const inFlight = (context: PaymentContext, change: Partial<CallsInFlight>): Update => ({
  inFlight: { ...context.inFlight, ...change },
})

const ANOMALY_LOG_LIMIT = 32

export const startSubmission = (context: PaymentContext, event: PaymentEvent): Update => ({
  times: {
    ...context.times,
    submittedAt: event.at,
    expiresAt: submittedExpiryAt(context, event.at),
  },
  ...counted(context, { payAttempts: context.counts.payAttempts + 1 }),
})

/** A session's buyer picked a method the gateway still processes at the session's expiry: it closes later. */
export const extendExpiryForMethod = (context: PaymentContext, event: PaymentEvent): Update => {
  const method = methodOf(event)
  if (method === undefined) return unchanged
  return { times: { ...context.times, expiresAt: sessionMethodDeadline(context, method) } }
}

export const countPayAttempt = (context: PaymentContext): Update =>
  counted(context, { payAttempts: context.counts.payAttempts + 1 })

export const recordCustomerAction = (context: PaymentContext, event: PaymentEvent): Update => {
  if (event.type === 'PAY_ANSWERED' && event.nextAction !== undefined) {
    return { ...withCustomer(context, { customerAction: event.nextAction }), ...learntPaymentId(context, event) }
  }
  if (event.type === 'SESSION_ANSWERED' && event.paymentSessionId !== undefined) {
    const { paymentSessionId, paymentSessionData, paymentSessionExpiresAt, normalUrl } = event
    return withCustomer(context, {
      paymentSessionId,
      customerAction: {
        kind: 'checkoutPage',
        paymentSessionId,
        ...(paymentSessionData === undefined ? {} : { paymentSessionData }),
        ...(paymentSessionExpiresAt === undefined ? {} : { expiresAt: paymentSessionExpiresAt }),
        ...(normalUrl === undefined ? {} : { url: normalUrl }),
      },
    })
  }
  return unchanged
}

export const recordOtpSubmitted = (context: PaymentContext, event: PaymentEvent): Update =>
  event.type === 'OTP_SUBMITTED'
    ? {
        ...withCustomer(context, { verifyRequestId: event.verifyRequestId }),
        ...counted(context, { otpAttempts: context.counts.otpAttempts + 1 }),
      }
    : unchanged

export const recordOtpRejected = (context: PaymentContext, event: PaymentEvent): Update => {
  const result = resultOf(event)
  return result === undefined ? unchanged : withCustomer(context, { otpError: result.resultCode })
}

const failureSource = (event: PaymentEvent): FailureReason['source'] => {
  switch (event.type) {
    case 'SESSION_ANSWERED':
      return 'createPaymentSession'
    case 'VERIFY_ANSWERED':
      return 'verifyAndCompletePayment'
    case 'INQUIRY_ANSWERED':
      return 'inquiryPayment'
    case 'PAYMENT_NOTIFIED':
      return 'notifyPayment'
    default:
      return 'pay'
  }
}

/** The failure the event reports; an inquiry's own result is a success, so its payment result code is used. */
export const failureFrom = (event: PaymentEvent): FailureReason => {
  const result = resultOf(event)
  const reported: GatewayResult =
    event.type === 'INQUIRY_ANSWERED'
      ? { resultStatus: 'F', resultCode: event.paymentResultCode ?? 'UNKNOWN_PAYMENT_FAILURE' }
      : (result ?? { resultStatus: 'U', resultCode: 'NO_RESPONSE' })
  return {
    code: reported.resultCode,
    status: reported.resultStatus,
    category: categoryOf(reported),
    ...(reported.resultMessage === undefined ? {} : { message: reported.resultMessage }),
    source: failureSource(event),
  }
}

/**
 * The gateway's id of the payment, from the event when it carries one: kept on success and on failure alike. An
 * answer to our own call (asked by paymentRequestId) is the gateway's word on it and replaces one a notification
 * told; a notification only tells it while none is known.
 */
export const learntPaymentId = (
  context: PaymentContext,
  event: PaymentEvent,
): Pick<PaymentContext, 'paymentId' | 'paymentIdFrom'> | typeof unchanged => {
  const reported = 'paymentId' in event ? event.paymentId : undefined
  if (reported === undefined || reported === context.paymentId) return unchanged
  if (answersOwnCall(event))
    return context.paymentIdFrom === 'answer' ? unchanged : { paymentId: reported, paymentIdFrom: 'answer' }
  return context.paymentId === undefined ? { paymentId: reported, paymentIdFrom: 'notification' } : unchanged
}

/** What the event tells of the card (the gateway's card facts with its answer or notification), as an update. */
export const cardTold = (event: PaymentEvent): Pick<PaymentContext, 'card'> =>
  'card' in event && event.card !== undefined ? { card: event.card } : {}

/**
 * Whether the report tells the payment's outcome, with the card facts of its result. An inquiry while the payment is
 * still open at the gateway (a 3DS challenge not yet passed) tells the card only in part: not the issuer's checks.
 */
const tellsOutcome = (event: PaymentEvent): boolean =>
  event.type !== 'INQUIRY_ANSWERED' || event.paymentStatus === 'SUCCESS' || event.paymentStatus === 'FAIL'

/**
 * The card facts a report of the outcome the payment otherwise does not act on tells (a success notification after
 * the capture's, say), kept when none are known yet: never over facts already kept.
 */
export const learnCard = (context: PaymentContext, event: PaymentEvent): Update => {
  const told = cardTold(event)
  return context.card === undefined && told.card !== undefined && tellsOutcome(event) ? told : unchanged
}

/** The failure, and what the gateway told of the card it declined (the issuer's AVS and CVV results among it). */
export const recordFailure = (context: PaymentContext, event: PaymentEvent): Update => ({
  failure: failureFrom(event),
  ...learntPaymentId(context, event),
  ...cardTold(event),
})

/** A session whose creation went unanswered: the spec says to start over with a new paymentRequestId. */
export const recordSessionUnanswered = (): Update => ({
  failure: {
    code: 'NO_RESPONSE',
    status: 'U',
    category: 'retryNewRequest',
    message: 'createPaymentSession was not answered',
    source: 'createPaymentSession',
  },
})

/** A `PAYMENT_IN_PROCESS` without any URL: the spec says the transaction was not created. */
export const recordNoActionReturned = (_context: PaymentContext, event: PaymentEvent): Update => ({
  failure: { ...failureFrom(event), category: 'retryNewRequest' },
})

export const recordPaymentSuccess = (context: PaymentContext, event: PaymentEvent): Update => {
  const paymentMethodType = context.paymentMethodType ?? methodOf(event)
  const manual = capturesSeparately(paymentMethodType) && context.terms.captureMode === 'MANUAL'
  const captureDeadlineAt = manual ? event.at + context.terms.captureWindowMs : context.times.captureDeadlineAt
  return {
    ...learntPaymentId(context, event),
    ...(paymentMethodType === undefined ? {} : { paymentMethodType }),
    ...cardTold(event),
    authorized: context.amount,
    times: {
      ...context.times,
      authorizedAt: event.at,
      ...(captureDeadlineAt === undefined ? {} : { captureDeadlineAt }),
    },
  }
}

/**
 * The gateway captured together with the payment (non-card methods) or told us the capture succeeded; a capture given
 * up earlier (see `failUnreceivedCapture`) loses its failure.
 */
export const recordCaptureSucceeded = (context: PaymentContext): Update => ({
  capture: succeeded(context.capture ?? { amount: context.authorized ?? context.amount, status: 'pending' }),
})

/** A capture that succeeded after all keeps no failure from when it was given up. */
const succeeded = ({ failure: _failure, givenUpAt: _givenUpAt, ...capture }: CaptureRecord): CaptureRecord => ({
  ...capture,
  status: 'succeeded',
})

/** The current capture failed, for `failure`. */
const failCapture = (context: PaymentContext, failure: NonNullable<CaptureRecord['failure']>): Update =>
  context.capture === undefined ? unchanged : { capture: { ...context.capture, status: 'failed', failure } }

/** The capture of ours, before the current one, that the event names. */
export const findEarlierCapture = (context: PaymentContext, event: PaymentEvent): CaptureRecord | undefined => {
  const id = captureRequestIdOf(event)
  return id === undefined || id === context.capture?.captureRequestId
    ? undefined
    : context.earlierCaptures.find((c) => c.captureRequestId === id)
}

export const recordAutomaticCapturePending = (context: PaymentContext): Update => ({
  capture: { amount: context.authorized ?? context.amount, status: 'pending' },
})

export const recordCaptureRequested = (context: PaymentContext, event: PaymentEvent): Update =>
  event.type === 'CAPTURE'
    ? {
        ...counted(context, { captureAttempts: 1, capturesRequested: context.counts.capturesRequested + 1 }),
        earlierCaptures:
          context.capture === undefined ? context.earlierCaptures : [...context.earlierCaptures, context.capture],
        capture: {
          captureRequestId: event.captureRequestId,
          amount: event.amount ?? context.authorized ?? context.amount,
          status: 'pending',
        },
      }
    : unchanged

/**
 * A capture given up earlier landed after all: it is the payment's capture, since the gateway captures a payment once.
 * The current one, if still pending, fails: the gateway refuses a second capture.
 */
export const supersedeCapture = (context: PaymentContext, event: PaymentEvent): Update =>
  context.capture?.status !== 'pending'
    ? unchanged
    : failCapture(context, {
        code: 'ORDER_STATUS_INVALID',
        message: `the payment was captured by the earlier capture ${captureRequestIdOf(event)}`,
      })

export const recordEarlierCaptureSucceeded = (context: PaymentContext, event: PaymentEvent): Update => {
  const landed = findEarlierCapture(context, event)
  if (landed === undefined) return unchanged
  return {
    capture: succeeded(landed),
    earlierCaptures: [
      ...context.earlierCaptures.filter((c) => c !== landed),
      ...(context.capture === undefined ? [] : [context.capture]),
    ],
  }
}

/** The failed capture `failed` holds, marked given up at `at`: watched for a send that may still land. */
const givenUpFrom = (failed: Update, at: number): Update =>
  failed.capture === undefined ? failed : { capture: { ...failed.capture, givenUpAt: at } }

/** Every send of the capture left no trace at the gateway: it failed, and the authorization stands. */
export const failUnreceivedCapture = (context: PaymentContext, event: PaymentEvent): Update =>
  givenUpFrom(
    failCapture(context, {
      code: 'ORDER_NOT_EXIST',
      message: `the gateway has no trace of the capture after ${context.counts.captureAttempts} sends`,
    }),
    event.at,
  )

/**
 * A capture refused for the payment's status (ORDER_STATUS_INVALID): a send given up earlier may have captured it, its
 * notification and the inquiry the refusal sends lost. Watched as a capture given up is, until an answer tells.
 */
export const failRefusedCapture = (context: PaymentContext, event: PaymentEvent): Update =>
  givenUpFrom(recordCaptureFailed(context, event), event.at)

export const recordCaptureFailed = (context: PaymentContext, event: PaymentEvent): Update => {
  const result = resultOf(event)
  if (result === undefined) return unchanged
  return failCapture(context, {
    code: result.resultCode,
    ...(result.resultMessage === undefined ? {} : { message: result.resultMessage }),
  })
}

/** A refund just asked for and sent once. */
export const pendingRefund = (refundRequestId: string, amount: Money, at: number): RefundRecord => ({
  refundRequestId,
  amount,
  status: 'pending',
  sends: 1,
  at,
})

export const recordRefundRequested = (context: PaymentContext, event: PaymentEvent): Update =>
  event.type === 'REFUND'
    ? { refunds: [...context.refunds, pendingRefund(event.refundRequestId, event.amount, event.at)] }
    : unchanged

/**
 * A refund made outside this engine (the gateway's dashboard), as its notification reports it: recorded pending,
 * its amount provisional, until the refund inquiry that follows says what the gateway holds.
 */
export const recordExternalRefund = (context: PaymentContext, event: PaymentEvent): Update =>
  event.type === 'REFUND_NOTIFIED' && event.amount !== undefined
    ? {
        refunds: [
          ...context.refunds,
          {
            refundRequestId: event.refundRequestId,
            amount: event.amount,
            status: 'pending',
            origin: 'external',
            at: event.at,
          },
        ],
      }
    : unchanged

const changeRefund = (
  context: PaymentContext,
  event: PaymentEvent,
  change: (refund: RefundRecord) => RefundRecord,
): Update => {
  const id = refundIdOf(event)
  if (id === undefined) return unchanged
  return { refunds: context.refunds.map((r) => (r.refundRequestId === id && r.status === 'pending' ? change(r) : r)) }
}

/**
 * A refund made elsewhere, reported for another amount than the report before: the latest is what the next report
 * is compared with. It counts once two reports of it agree.
 */
export const adoptReportedAmount = (context: PaymentContext, event: PaymentEvent): Update => {
  const amount = amountOf(event)
  return amount === undefined ? unchanged : changeRefund(context, event, (r) => ({ ...r, amount }))
}

/** The refund an inquiry found nothing of is sent again under its own request id: one more send. */
export const countRefundSend = (context: PaymentContext, event: PaymentEvent): Update =>
  changeRefund(context, event, (r) => ({ ...r, sends: (r.sends ?? 1) + 1 }))

/** Every send of the refund left no trace at the gateway: it failed, and its amount is refundable again. */
export const failUnreceivedRefund = (context: PaymentContext, event: PaymentEvent): Update =>
  changeRefund(context, event, (r) => ({
    ...r,
    status: 'failed',
    ...(r.origin === 'external' ? {} : { givenUpAt: event.at }),
    failure: {
      code: 'ORDER_NOT_EXIST',
      message:
        r.origin === 'external'
          ? 'the gateway has no trace of the refund its notification reported'
          : `the gateway has no trace of the refund after ${r.sends ?? 1} sends`,
    },
  }))

/** The final status a refund event reports, if it reports one. */
export const refundOutcome = (event: PaymentEvent): 'succeeded' | 'failed' | undefined => {
  if (event.type === 'REFUND_INQUIRY_ANSWERED') {
    if (event.result.resultStatus !== 'S') return undefined
    return event.refundStatus === 'SUCCESS' ? 'succeeded' : event.refundStatus === 'FAIL' ? 'failed' : undefined
  }
  if (event.type !== 'REFUND_ANSWERED' && event.type !== 'REFUND_NOTIFIED') return undefined
  return event.result.resultStatus === 'S' ? 'succeeded' : event.result.resultStatus === 'F' ? 'failed' : undefined
}

export const refundIdOf = (event: PaymentEvent): string | undefined =>
  'refundRequestId' in event ? event.refundRequestId : undefined

export const findRefund = (context: PaymentContext, event: PaymentEvent): RefundRecord | undefined => {
  const id = refundIdOf(event)
  return context.refunds.find((r) => r.refundRequestId === id)
}

/**
 * Whether `outcome` settles `refund`: a pending one either way; one of ours given up after sends the gateway showed no
 * trace of (see `failUnreceivedRefund`) only by succeeding after all, a send still on its way having landed.
 */
export const settlesRefund = (refund: RefundRecord, outcome: 'succeeded' | 'failed'): boolean =>
  refund.status === 'pending' ||
  (outcome === 'succeeded' &&
    refund.status === 'failed' &&
    refund.origin !== 'external' &&
    refund.failure?.code === 'ORDER_NOT_EXIST')

export const recordRefundOutcome = (context: PaymentContext, event: PaymentEvent): Update => {
  const outcome = refundOutcome(event)
  const result = resultOf(event)
  const id = refundIdOf(event)
  if (outcome === undefined || id === undefined) return unchanged
  return {
    refunds: context.refunds.map((r): RefundRecord => {
      if (r.refundRequestId !== id || !settlesRefund(r, outcome)) return r
      if (outcome === 'failed') return { ...r, status: 'failed', failure: { code: result?.resultCode ?? 'UNKNOWN' } }
      const { failure: _given_up, ...refund } = r
      return { ...refund, status: 'succeeded' }
    }),
  }
}

/** The inquiry's answer (or the lack of one) arrived: a customer's return may ask again. */
export const releaseInquiry = (context: PaymentContext, event: PaymentEvent): Update =>
  event.type === 'INQUIRY_ANSWERED' || (event.type === 'GATEWAY_UNANSWERED' && event.operation === 'inquiryPayment')
    ? inFlight(context, { inquiryOutstanding: false })
    : unchanged

/** The gateway's own answer to the cancel: whatever it had authorized is released. */
export const confirmCancel = (context: PaymentContext): Update => ({ cancel: { ...context.cancel, confirmed: true } })

/** The gateway had no such payment, and the payment closed on its word (see `Cancellation.notFoundAt`). */
export const recordNotFound = (context: PaymentContext, event: PaymentEvent): Update => ({
  cancel: { ...context.cancel, notFoundAt: event.at },
})

export const recordLateCancelRefused = (context: PaymentContext): Update => ({
  cancel: { ...context.cancel, lateCancel: 'refused' },
})

/** Still in process at the gateway after a refused cancel: the cancel goes again. */
export const retryLateCancel = (context: PaymentContext): Update => {
  const { lateCancel: _refused, ...cancel } = context.cancel
  return { cancel }
}

/** The late pay whose cancel the gateway refused failed there after all: nothing was paid; the watch goes on. */
export const forgetLateSuccess = (context: PaymentContext): Update => {
  const { lateSuccessAt: _landed, lateCancel: _refused, ...cancel } = context.cancel
  return { cancel }
}

/** Why the payment is being cancelled. */
export const cancelFor =
  (reason: CancelReason) =>
  ({ cancel: { refusedAt: _refusedAt, ...cancel } }: PaymentContext): Update => ({ cancel: { ...cancel, reason } })

/** The gateway refused to cancel a payment it had authorized (see `Cancellation.refusedAt`). */
export const recordCancelRefused = (context: PaymentContext, event: PaymentEvent): Update => ({
  cancel: { ...context.cancel, refusedAt: event.at },
})

/** An answer to our own call names the payment's paymentId, replacing one a notification told. */
export const adoptAnsweredPaymentId = (context: PaymentContext, event: PaymentEvent): Update =>
  learntPaymentId(context, event)

/** An inquiry whose facts agree with this payment resolves the open conflicts about the payment and its capture. */
export const resolvePaymentConflicts = (context: PaymentContext, event: PaymentEvent): Update => {
  const conflicts = resolved(context.conflicts, event.at, 'inquiry', (c) => c.subject !== 'refund')
  return conflicts === context.conflicts ? unchanged : { conflicts }
}

/** A refund report whose facts agree resolves the open conflicts about that refund. */
export const resolveRefundConflicts = (context: PaymentContext, event: PaymentEvent): Update => {
  const id = refundIdOf(event)
  const conflicts = resolved(
    context.conflicts,
    event.at,
    'inquiry',
    (c) => c.subject === 'refund' && c.refundRequestId === id,
  )
  return conflicts === context.conflicts ? unchanged : { conflicts }
}

/** The merchant's word: every open conflict is resolved, and reports are applied again. */
export const acknowledgeConflicts = (context: PaymentContext, event: PaymentEvent): Update => ({
  conflicts: resolved(context.conflicts, event.at, 'merchant', () => true),
})

/** The pay's answer (or the lack of one) arrived: inquiries and cancels may go out again. */
export const releasePay = (context: PaymentContext, event: PaymentEvent): Update =>
  answersPay(event)
    ? { ...inFlight(context, { payOutstanding: false }), ...learntPaymentId(context, event) }
    : unchanged

export const countCaptureAttempt = (context: PaymentContext): Update =>
  counted(context, { captureAttempts: context.counts.captureAttempts + 1 })

/** An inquiry held while the pay is outstanding is not sent, so it does not count. */
export const countInquiry = (context: PaymentContext): Update =>
  context.inFlight.payOutstanding
    ? unchanged
    : counted(context, { inquiryAttempts: context.counts.inquiryAttempts + 1 })

export const countRefundInquiry = (context: PaymentContext): Update =>
  counted(context, { refundInquiryAttempts: context.counts.refundInquiryAttempts + 1 })

export const recordConflict = (context: PaymentContext, conflict: Conflict): Update => ({
  conflicts: [...context.conflicts, conflict],
})

export const recordAnomaly = (context: PaymentContext, anomaly: Anomaly): Update => ({
  anomalies: [...context.anomalies, anomaly].slice(-ANOMALY_LOG_LIMIT),
  ...counted(context, { anomalyCount: context.counts.anomalyCount + 1 }),
})

export const unansweredOperation = (event: PaymentEvent): GatewayOperation | undefined =>
  event.type === 'GATEWAY_UNANSWERED' ? event.operation : undefined

export const amountOf = (event: PaymentEvent): Money | undefined => ('amount' in event ? event.amount : undefined)
