import type { Money } from '@paychart/core'
import { refundNotification } from './notification-bodies.js'
import { enqueueNotification } from './notifications.js'
import { refundedMinor } from './payments.js'
import type { Ctx, PaymentRecord, RefundRecord } from './state.js'

/** Why a refund is refused: the payment is not paid, the currency differs, or more than is left was asked. */
export type RefundRefusal = 'notCaptured' | 'currency' | 'exceedsRefundable'

/** A refund of `amount` is allowed on a captured payment, in its currency, up to what is left refundable. */
export const refundRefusal = (ctx: Ctx, payment: PaymentRecord, amount: Money): RefundRefusal | undefined => {
  if (payment.status !== 'captured' || payment.captured === undefined) return 'notCaptured'
  if (amount.currency !== payment.captured.currency) return 'currency'
  if (amount.minor > payment.captured.minor - refundedMinor(ctx, payment)) return 'exceedsRefundable'
  return undefined
}

export interface NewRefund {
  readonly refundRequestId: string
  readonly amount: Money
  /** Where REFUND_RESULT goes; default the payment's notify URL. */
  readonly notifyUrl: string | undefined
}

/** Records a refund the gateway performed (by the refund API or its dashboard) and queues REFUND_RESULT. */
export const recordRefund = (ctx: Ctx, payment: PaymentRecord, input: NewRefund): RefundRecord => {
  const record: RefundRecord = {
    refundId: ctx.config.ids('refund'),
    refundRequestId: input.refundRequestId,
    paymentId: payment.paymentId,
    paymentRequestId: payment.paymentRequestId,
    amount: input.amount,
    at: ctx.now,
    status: 'SUCCESS',
  }
  ctx.state.refunds.set(record.refundId, record)
  ctx.state.refundIdByRequestId.set(record.refundRequestId, record.refundId)
  payment.refundIds.push(record.refundId)
  enqueueNotification(ctx, {
    notifyType: 'REFUND_RESULT',
    paymentRequestId: payment.paymentRequestId,
    paymentId: payment.paymentId,
    url: input.notifyUrl ?? payment.notifyUrl,
    body: refundNotification(record),
  })
  return record
}
