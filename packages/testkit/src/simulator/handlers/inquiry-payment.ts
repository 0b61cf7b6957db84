import { toWire } from '@paychart/core/money'
import { isoTime } from '../clock.js'
import { paymentAnswer, wirePaymentStatus } from '../responses.js'
import { bare, result } from '../results.js'
import type { Ctx, PaymentRecord } from '../state.js'
import type { Handler } from './answer.js'
import { findPayment, readPaymentRef } from './lookup.js'

const transaction = (
  type: 'CAPTURE' | 'REFUND',
  status: 'SUCCESS' | 'PROCESSING',
  fields: { amount: PaymentRecord['amount']; id: string | undefined; requestId: string; at: number | undefined },
) => ({
  transactionType: type,
  transactionStatus: status,
  transactionAmount: toWire(fields.amount),
  transactionRequestId: fields.requestId,
  ...(fields.id === undefined ? {} : { transactionId: fields.id }),
  ...(fields.at === undefined ? {} : { transactionTime: isoTime(fields.at) }),
  transactionResult: result(status === 'SUCCESS' ? 'SUCCESS' : 'PAYMENT_IN_PROCESS'),
})

/** CAPTURE (done, or PROCESSING while an automatic capture is scheduled) and REFUND transactions. */
const transactions = (ctx: Ctx, payment: PaymentRecord) => {
  const list = []
  const capture = payment.capture
  if (capture !== undefined)
    list.push(
      transaction('CAPTURE', 'SUCCESS', {
        amount: capture.amount,
        id: capture.captureId,
        requestId: capture.captureRequestId,
        at: capture.at,
      }),
    )
  else if (payment.autoCaptureAt !== undefined)
    list.push(
      transaction('CAPTURE', 'PROCESSING', {
        amount: payment.amount,
        id: undefined,
        requestId: payment.paymentRequestId,
        at: undefined,
      }),
    )
  for (const refundId of payment.refundIds) {
    const refund = ctx.state.refunds.get(refundId)
    if (refund !== undefined)
      list.push(
        transaction('REFUND', 'SUCCESS', {
          amount: refund.amount,
          id: refund.refundId,
          requestId: refund.refundRequestId,
          at: refund.at,
        }),
      )
  }
  return list
}

/**
 * The payment's status. A Checkout Page session the buyer has not submitted is ORDER_NOT_EXIST, as the spec notes.
 */
export const inquiryPayment: Handler = (ctx, body) => {
  const payment = findPayment(ctx, readPaymentRef(body))
  if (payment === undefined) return { body: bare('ORDER_NOT_EXIST') }
  const described = paymentAnswer(payment)
  return {
    body: {
      ...described,
      result: result('SUCCESS'),
      paymentStatus: wirePaymentStatus(payment.status),
      paymentResultCode: described.result.resultCode,
      paymentResultMessage: described.result.resultMessage,
      paymentMethodType: payment.paymentMethodType,
      transactions: transactions(ctx, payment),
    },
  }
}
