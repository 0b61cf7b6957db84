import type { Money } from '@paychart/core'
import type { CardFacts } from './cards.js'
import { capturesSeparately } from './methods.js'
import { captureNotification, paymentNotification } from './notification-bodies.js'
import { enqueueNotification } from './notifications.js'
import type { CaptureRecord, Ctx, CustomerStep, PaymentRecord } from './state.js'
import { registerPayment } from './state.js'

export interface NewPayment {
  readonly paymentRequestId: string
  readonly amount: Money
  readonly paymentMethodType: string
  readonly captureMode: 'AUTOMATIC' | 'MANUAL'
  readonly expiresAt: number
  readonly card?: CardFacts
  readonly cardToken?: string | undefined
  readonly redirectUrl?: string
  readonly notifyUrl?: string
  readonly sessionId?: string
  readonly otp?: boolean
}

/** Creates a pending payment and registers it under its paymentRequestId and paymentId. */
export const createPayment = (ctx: Ctx, input: NewPayment): PaymentRecord => {
  const payment: PaymentRecord = {
    paymentId: ctx.config.ids('payment'),
    paymentRequestId: input.paymentRequestId,
    amount: input.amount,
    paymentMethodType: input.paymentMethodType,
    captureMode: input.captureMode,
    createdAt: ctx.now,
    expiresAt: input.expiresAt,
    card: input.card,
    cardToken: input.cardToken,
    redirectUrl: input.redirectUrl,
    notifyUrl: input.notifyUrl ?? ctx.config.defaultNotifyUrl,
    sessionId: input.sessionId,
    otp: input.otp === true ? { issuedAt: ctx.now, wrongAttempts: 0 } : undefined,
    step: 'gateway',
    status: 'pending',
    resultCode: 'PAYMENT_IN_PROCESS',
    expired: false,
    declinedByIssuer: false,
    paidAt: undefined,
    closedAt: undefined,
    autoCaptureAt: undefined,
    capture: undefined,
    captured: undefined,
    refundIds: [],
  }
  registerPayment(ctx.state, payment)
  return payment
}

const notifyPayment = (ctx: Ctx, payment: PaymentRecord, pending = false): void => {
  enqueueNotification(ctx, {
    notifyType: pending ? 'PAYMENT_PENDING' : 'PAYMENT_RESULT',
    paymentRequestId: payment.paymentRequestId,
    paymentId: payment.paymentId,
    url: payment.notifyUrl,
    body: paymentNotification(payment, pending),
  })
}

/** The payment waits for the customer at `step`. */
export const awaitCustomer = (payment: PaymentRecord, step: CustomerStep): void => {
  payment.step = step
}

/** Queues PAYMENT_PENDING: the payment is still in process (e.g. the wallet accepted it, the result follows). */
export const notifyPending = (ctx: Ctx, payment: PaymentRecord): void => notifyPayment(ctx, payment, true)

/** Captures a payment (automatically or by the capture API) and queues CAPTURE_RESULT. */
export const capturePayment = (
  ctx: Ctx,
  payment: PaymentRecord,
  amount: Money,
  captureRequestId: string,
  automatic: boolean,
): CaptureRecord => {
  const capture: CaptureRecord = {
    captureId: ctx.config.ids('capture'),
    captureRequestId,
    amount,
    at: ctx.now,
    automatic,
  }
  payment.capture = capture
  payment.captured = amount
  payment.status = 'captured'
  payment.autoCaptureAt = undefined
  enqueueNotification(ctx, {
    notifyType: 'CAPTURE_RESULT',
    paymentRequestId: payment.paymentRequestId,
    paymentId: payment.paymentId,
    url: payment.notifyUrl,
    body: captureNotification(payment, capture),
  })
  return capture
}

/**
 * The payment succeeds: queues PAYMENT_RESULT S. Methods captured apart (`capturesSeparately`) are authorized, then captured at once
 * (AUTOMATIC, after `autoCaptureDelayMs`) or left for the capture API (MANUAL); other methods are paid outright.
 */
export const succeed = (ctx: Ctx, payment: PaymentRecord): void => {
  payment.step = undefined
  payment.resultCode = 'SUCCESS'
  payment.paidAt = ctx.now
  if (!capturesSeparately(payment.paymentMethodType)) {
    payment.status = 'captured'
    payment.captured = payment.amount
    notifyPayment(ctx, payment)
    return
  }
  payment.status = 'authorized'
  notifyPayment(ctx, payment)
  if (payment.captureMode === 'MANUAL') return
  if (ctx.config.autoCaptureDelayMs > 0) payment.autoCaptureAt = ctx.now + ctx.config.autoCaptureDelayMs
  else capturePayment(ctx, payment, payment.amount, payment.paymentRequestId, true)
}

/** The payment fails with `resultCode`: queues PAYMENT_RESULT F. */
export const fail = (ctx: Ctx, payment: PaymentRecord, resultCode: string): void => {
  payment.step = undefined
  payment.status = 'failed'
  payment.resultCode = resultCode
  payment.closedAt = ctx.now
  notifyPayment(ctx, payment)
}

/** The issuer declined the card with `resultCode`: failed as `fail` does, the issuer's checks told with it. */
export const decline = (ctx: Ctx, payment: PaymentRecord, resultCode: string): void => {
  payment.declinedByIssuer = true
  fail(ctx, payment, resultCode)
}

/** The payment reached its expiry unpaid: closed (ORDER_IS_CLOSED), PAYMENT_RESULT F queued. */
export const expire = (ctx: Ctx, payment: PaymentRecord): void => {
  payment.expired = true
  fail(ctx, payment, 'ORDER_IS_CLOSED')
}

/** Cancelled by the cancel API: no notification (the caller has the answer). */
export const cancel = (ctx: Ctx, payment: PaymentRecord): void => {
  payment.step = undefined
  payment.status = 'cancelled'
  payment.resultCode = 'ORDER_IS_CANCELED'
  payment.closedAt = ctx.now
  payment.autoCaptureAt = undefined
}

export const refundedMinor = (ctx: Ctx, payment: PaymentRecord): number =>
  payment.refundIds.reduce((sum, id) => sum + (ctx.state.refunds.get(id)?.amount.minor ?? 0), 0)
