import { toWire } from '@paychart/core/money'
import { isoTime } from '../clock.js'
import { refundNotification } from '../notification-bodies.js'
import { enqueueNotification } from '../notifications.js'
import { refundedMinor } from '../payments.js'
import { readAmount, readId, readOptionalString } from '../read.js'
import { bare, result } from '../results.js'
import type { RefundRecord } from '../state.js'
import { paymentById } from '../state.js'
import { type Handler, idempotent } from './answer.js'

/**
 * Refunds part or all of what is left of a captured (paid) payment; several partial refunds may follow each other.
 * More than is left: REFUND_AMOUNT_EXCEED, a code the given spec does not list (an assumption modelled on the
 * gateway's refund API). Queues REFUND_RESULT.
 */
export const refund: Handler = (ctx, body) => {
  const refundRequestId = readId(body, 'refundRequestId')
  const paymentId = readId(body, 'paymentId')
  const amount = readAmount(body, 'refundAmount')
  const notifyUrl = readOptionalString(body, 'refundNotifyUrl')

  return idempotent(ctx, 'refund', refundRequestId, { endpoint: 'refund', paymentId, amount }, () => {
    const payment = paymentById(ctx.state, paymentId)
    if (payment === undefined) return bare('ORDER_NOT_EXIST')
    if (payment.status !== 'captured' || payment.captured === undefined) return bare('ORDER_STATUS_INVALID')
    if (amount.currency !== payment.captured.currency)
      return bare('PARAM_ILLEGAL', 'refundAmount.currency differs from the payment currency.')
    if (amount.minor > payment.captured.minor - refundedMinor(ctx, payment)) return bare('REFUND_AMOUNT_EXCEED')
    const record: RefundRecord = {
      refundId: ctx.config.ids('refund'),
      refundRequestId,
      paymentId,
      paymentRequestId: payment.paymentRequestId,
      amount,
      at: ctx.now,
      status: 'SUCCESS',
    }
    ctx.state.refunds.set(record.refundId, record)
    ctx.state.refundIdByRequestId.set(refundRequestId, record.refundId)
    payment.refundIds.push(record.refundId)
    enqueueNotification(ctx, {
      notifyType: 'REFUND_RESULT',
      paymentRequestId: payment.paymentRequestId,
      paymentId,
      url: notifyUrl ?? payment.notifyUrl,
      body: refundNotification(record),
    })
    return {
      result: result('SUCCESS'),
      refundRequestId,
      refundId: record.refundId,
      paymentId,
      refundAmount: toWire(amount),
      refundTime: isoTime(record.at),
    }
  })
}
