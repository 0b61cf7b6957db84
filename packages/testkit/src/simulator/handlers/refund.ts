import { toWire } from '@paychart/core/money'
import { isoTime } from '../clock.js'
import { readAmount, readId, readOptionalString } from '../read.js'
import { type RefundRefusal, recordRefund, refundRefusal } from '../refunds.js'
import { bare, result } from '../results.js'
import { paymentById } from '../state.js'
import type { ResponseBody } from '../types.js'
import { type Handler, idempotent } from './answer.js'

const REFUSALS: Readonly<Record<RefundRefusal, () => ResponseBody>> = {
  notCaptured: () => bare('ORDER_STATUS_INVALID'),
  currency: () => bare('PARAM_ILLEGAL', 'refundAmount.currency differs from the payment currency.'),
  exceedsRefundable: () => bare('REFUND_AMOUNT_EXCEED'),
}

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
    const refused = refundRefusal(ctx, payment, amount)
    if (refused !== undefined) return REFUSALS[refused]()
    const record = recordRefund(ctx, payment, { refundRequestId, amount, notifyUrl })
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
