import type { Money } from '@paychart/core'
import type { CardFacts } from './cards.js'
import { capturesSeparately } from './methods.js'
import type { NotificationRecord, NotificationStatus, NotifyType } from './notification-records.js'
import { refundedMinor } from './payments.js'
import { wirePaymentStatus } from './responses.js'
import {
  type CallRecord,
  type CaptureRecord,
  type Ctx,
  type CustomerStep,
  issuerAnswered,
  type PaymentRecord,
  type PaymentStatus,
  type RefundRecord,
  type SessionRecord,
} from './state.js'
import type { Tampered } from './tamper.js'

/** A read-only copy of a payment as the gateway holds it, for tests. */
export interface PaymentView {
  readonly paymentRequestId: string
  readonly paymentId: string
  readonly paymentMethodType: string
  readonly status: PaymentStatus
  /** What inquiryPayment reports: SUCCESS / FAIL / PROCESSING / CANCELLED. */
  readonly paymentStatus: string
  readonly resultCode: string
  readonly step: CustomerStep | undefined
  readonly expired: boolean
  /** The issuer declined the card: its checks (AVS, CVV) came with the result. */
  readonly declinedByIssuer: boolean
  readonly captureMode: 'AUTOMATIC' | 'MANUAL'
  readonly amount: Money
  /** The authorized amount, for methods captured apart once authorized. */
  readonly authorized: Money | undefined
  readonly captured: Money
  readonly refunded: Money
  readonly refundable: Money
  readonly card: CardFacts | undefined
  /** What the gateway has told of the card with the issuer's answer (paid or declined), as paychart names it. */
  readonly toldCard: { readonly lastFour: string; readonly avsResult: string; readonly cvvResult: string } | undefined
  readonly createdAt: number
  readonly expiresAt: number
  readonly paidAt: number | undefined
  readonly capture: CaptureRecord | undefined
  readonly refunds: ReadonlyArray<RefundRecord>
  readonly sessionId: string | undefined
  /** Every call the gateway received about this payment, in order. */
  readonly calls: ReadonlyArray<CallRecord>
}

export const paymentView = (ctx: Ctx, payment: PaymentRecord): PaymentView => {
  const currency = payment.amount.currency
  const captured = payment.captured?.minor ?? 0
  const refunded = refundedMinor(ctx, payment)
  const authorized = capturesSeparately(payment.paymentMethodType) && payment.paidAt !== undefined
  return structuredClone({
    paymentRequestId: payment.paymentRequestId,
    paymentId: payment.paymentId,
    paymentMethodType: payment.paymentMethodType,
    status: payment.status,
    paymentStatus: wirePaymentStatus(payment.status),
    resultCode: payment.resultCode,
    step: payment.step,
    expired: payment.expired,
    declinedByIssuer: payment.declinedByIssuer,
    captureMode: payment.captureMode,
    amount: payment.amount,
    authorized: authorized ? payment.amount : undefined,
    captured: { currency, minor: captured },
    refunded: { currency, minor: refunded },
    refundable: { currency, minor: captured - refunded },
    card: payment.card,
    toldCard:
      payment.card === undefined || !issuerAnswered(payment)
        ? undefined
        : { lastFour: payment.card.last4, avsResult: payment.card.avsResult, cvvResult: payment.card.cvvResult },
    createdAt: payment.createdAt,
    expiresAt: payment.expiresAt,
    paidAt: payment.paidAt,
    capture: payment.capture,
    refunds: payment.refundIds.flatMap((id) => {
      const refund = ctx.state.refunds.get(id)
      return refund === undefined ? [] : [refund]
    }),
    sessionId: payment.sessionId,
    calls: ctx.state.calls.filter((call) => call.paymentRequestId === payment.paymentRequestId),
  })
}

export type SessionView = Readonly<SessionRecord>

export interface NotificationView {
  readonly notificationId: string
  readonly notifyType: NotifyType
  readonly paymentRequestId: string
  readonly paymentId: string
  readonly url: string | undefined
  readonly status: NotificationStatus
  readonly nextAttemptAt: number | undefined
  readonly createdAt: number
  readonly attempts: ReadonlyArray<{
    readonly attempt: number
    readonly at: number
    readonly acknowledged: boolean | undefined
  }>
  readonly body: NotificationRecord['body']
  /** A lying twin queued by a tamper fault: what its body alters. */
  readonly tampered?: Tampered
}

export const notificationView = (record: NotificationRecord): NotificationView =>
  structuredClone({
    notificationId: record.notificationId,
    notifyType: record.notifyType,
    paymentRequestId: record.paymentRequestId,
    paymentId: record.paymentId,
    url: record.url,
    status: record.status,
    nextAttemptAt: record.nextAttemptAt,
    createdAt: record.createdAt,
    attempts: record.attempts,
    body: record.body,
    ...(record.tampered === undefined ? {} : { tampered: record.tampered }),
  })

/** Plain data for any stored value: Maps become objects, Sets arrays. */
const toPlain = (value: unknown): unknown => {
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toPlain(v)]))
  if (value instanceof Set) return [...value].map(toPlain)
  if (Array.isArray(value)) return value.map(toPlain)
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]))
  return value
}

/** Everything the simulator stores, as plain data (for debugging, and for tests that search all of it). */
export const snapshotState = (ctx: Ctx): unknown => toPlain(ctx.state)
