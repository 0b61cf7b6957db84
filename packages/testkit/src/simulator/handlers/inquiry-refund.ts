import { toWire } from '@paychart/core/money'
import { isoTime } from '../clock.js'
import { readOptionalId, reject } from '../read.js'
import { bare, paramIllegal, result } from '../results.js'
import type { Handler } from './answer.js'

/** A refund's status by refundRequestId or refundId; unknown: ORDER_NOT_EXIST. */
export const inquiryRefund: Handler = (ctx, body) => {
  const refundRequestId = readOptionalId(body, 'refundRequestId')
  const refundId = readOptionalId(body, 'refundId')
  if (refundRequestId === undefined && refundId === undefined)
    return reject(paramIllegal('refundRequestId or refundId is required'))
  const id =
    refundId ?? (refundRequestId === undefined ? undefined : ctx.state.refundIdByRequestId.get(refundRequestId))
  const refund = id === undefined ? undefined : ctx.state.refunds.get(id)
  if (refund === undefined || (refundRequestId !== undefined && refund.refundRequestId !== refundRequestId))
    return { body: bare('ORDER_NOT_EXIST') }
  return {
    body: {
      result: result('SUCCESS'),
      refundRequestId: refund.refundRequestId,
      refundId: refund.refundId,
      paymentId: refund.paymentId,
      refundAmount: toWire(refund.amount),
      refundStatus: refund.status,
      refundTime: isoTime(refund.at),
    },
  }
}
