import { formatMajor, type Money } from '../money/index.js'
import { capturesOf } from './amounts.js'
import type { Conflict, ConflictSubject, PaymentContext, RefundRecord } from './context.js'
import { captureRequestIdOf } from './event-facts.js'
import type { PaymentEvent } from './events.js'
import { lateRefundWatchEnd } from './policy.js'

/** How a report's facts differ from what the payment holds: both sides, in words. */
export interface Disagreement {
  readonly kind: Conflict['kind']
  readonly subject: ConflictSubject
  readonly refundRequestId?: string
  readonly expected: string
  readonly reported: string
}

/** An amount as a merchant reads it: `24.00 USD`. */
export const describeMoney = (money: Money | undefined): string =>
  money === undefined ? 'nothing' : `${formatMajor(money)} ${money.currency}`

const ofMoney = (subject: ConflictSubject, expected: Money, reported: Money | undefined, refundRequestId?: string) => {
  if (reported === undefined) return undefined
  const kind =
    reported.currency !== expected.currency ? 'currency' : reported.minor !== expected.minor ? 'amount' : undefined
  if (kind === undefined) return undefined
  const refund = refundRequestId === undefined ? {} : { refundRequestId }
  return { kind, subject, ...refund, expected: describeMoney(expected), reported: describeMoney(reported) } as const
}

const ofPaymentId = (context: PaymentContext, subject: ConflictSubject, reported: string | undefined) =>
  context.paymentId === undefined || reported === undefined || reported === context.paymentId
    ? undefined
    : ({ kind: 'paymentId', subject, expected: context.paymentId, reported } as const)

/** A paymentId a notification told is replaced by the one an answer to our own call gives: no disagreement. */
const ofAnsweredPaymentId = (context: PaymentContext, reported: string | undefined) =>
  context.paymentIdFrom === 'notification' ? undefined : ofPaymentId(context, 'payment', reported)

const reportedPaymentId = (event: PaymentEvent): string | undefined =>
  'paymentId' in event ? event.paymentId : undefined

/** The refund a refund report is about, when this payment asked for it. */
const refundOf = (context: PaymentContext, event: PaymentEvent): RefundRecord | undefined =>
  'refundRequestId' in event ? context.refunds.find((r) => r.refundRequestId === event.refundRequestId) : undefined

/**
 * The capture a report is about: the one of ours it names, current or earlier; else the current one, unless a capture
 * report names a request id that is not ours (an inquiry's unknown id is the gateway's own automatic capture).
 */
const captureOf = (context: PaymentContext, event: PaymentEvent) => {
  const ours = context.capture
  const theirs = captureRequestIdOf(event)
  if (ours === undefined || ours.captureRequestId === undefined || theirs === undefined) return ours
  const named = capturesOf(context).find((c) => c.captureRequestId === theirs)
  return named ?? (event.type === 'INQUIRY_ANSWERED' ? ours : undefined)
}

/** What an inquiry says of the capture, against the capture of ours it is about. */
const inquiryCapture = (context: PaymentContext, event: PaymentEvent) => {
  if (event.type !== 'INQUIRY_ANSWERED' || event.capture?.amount === undefined) return undefined
  const capture = captureOf(context, event)
  return capture === undefined ? undefined : ofMoney('capture', capture.amount, event.capture.amount)
}

/**
 * How the facts an event reports (amount, currency, paymentId) disagree with what this payment holds, or undefined
 * when they agree or the event reports none. Every report is read: a success, a failure, a customer action alike.
 */
export const disagreementOf = (context: PaymentContext, event: PaymentEvent): Disagreement | undefined => {
  switch (event.type) {
    case 'PAY_ANSWERED':
    case 'VERIFY_ANSWERED':
      return ofAnsweredPaymentId(context, event.paymentId) ?? ofMoney('payment', context.amount, event.amount)
    case 'PAYMENT_NOTIFIED':
      return ofPaymentId(context, 'payment', event.paymentId) ?? ofMoney('payment', context.amount, event.amount)
    case 'INQUIRY_ANSWERED':
      if (event.result.resultStatus !== 'S') return undefined
      return (
        ofAnsweredPaymentId(context, event.paymentId) ??
        ofMoney('payment', context.amount, event.amount) ??
        inquiryCapture(context, event)
      )
    case 'CAPTURE_ANSWERED':
    case 'CAPTURE_NOTIFIED': {
      const capture = captureOf(context, event)
      const expected = capture?.amount ?? context.authorized ?? context.amount
      const subject = capture === undefined ? 'payment' : 'capture'
      return ofPaymentId(context, subject, reportedPaymentId(event)) ?? ofMoney(subject, expected, event.amount)
    }
    case 'REFUND_ANSWERED':
    case 'REFUND_NOTIFIED':
    case 'REFUND_INQUIRY_ANSWERED': {
      const refund = refundOf(context, event)
      if (refund === undefined) return undefined
      return (
        ofPaymentId(context, 'refund', reportedPaymentId(event)) ??
        ofMoney('refund', refund.amount, event.amount, refund.refundRequestId)
      )
    }
    default:
      return undefined
  }
}

/** What a report is about: a capture report about a capture this payment knows, else the payment itself. */
export const reportSubject = (context: PaymentContext, event: PaymentEvent): ConflictSubject =>
  (event.type === 'CAPTURE_ANSWERED' || event.type === 'CAPTURE_NOTIFIED') && captureOf(context, event) !== undefined
    ? 'capture'
    : 'payment'

export const isOpen = (conflict: Conflict): boolean => conflict.resolvedAt === undefined

/** Whether the same disagreement is already open: it is recorded and published once. */
export const alreadyOpen = (context: PaymentContext, disagreement: Disagreement): boolean =>
  context.conflicts.some(
    (c) =>
      isOpen(c) &&
      c.kind === disagreement.kind &&
      c.subject === disagreement.subject &&
      c.refundRequestId === disagreement.refundRequestId &&
      c.reported === disagreement.reported,
  )

export const hasOpenConflict = (context: PaymentContext, subjects?: ReadonlyArray<ConflictSubject>): boolean =>
  context.conflicts.some((c) => isOpen(c) && (subjects === undefined || subjects.includes(c.subject)))

/** The conflicts an agreeing report resolves, marked resolved at `at`: of `subjects`, or of one refund. */
export const resolved = (
  conflicts: ReadonlyArray<Conflict>,
  at: number,
  by: 'inquiry' | 'merchant',
  matches: (conflict: Conflict) => boolean,
): ReadonlyArray<Conflict> =>
  conflicts.some((c) => isOpen(c) && matches(c))
    ? conflicts.map((c) => (isOpen(c) && matches(c) ? { ...c, resolvedAt: at, resolvedBy: by } : c))
    : conflicts

/** The refunds to ask the gateway about: those still pending, and those a conflict is open about. */
export const refundsToInquire = (context: PaymentContext, at: number): ReadonlyArray<RefundRecord> =>
  context.refunds.filter(
    (r) =>
      r.status === 'pending' ||
      // Given up without trace, one of its sends may still land: looked for while the watch lasts.
      at <= (lateRefundWatchEnd(r) ?? Number.NEGATIVE_INFINITY) ||
      context.conflicts.some((c) => isOpen(c) && c.subject === 'refund' && c.refundRequestId === r.refundRequestId),
  )
