import { isoTime } from '../clock.js'
import { cancel as cancelPayment } from '../payments.js'
import { bare, result } from '../results.js'
import type { Handler } from './answer.js'
import { findPayment, readPaymentRef } from './lookup.js'

/**
 * Cancels a pending payment, an authorization not captured, or a Checkout Page session not submitted. Cancelling
 * again answers S again; a captured (paid) or failed payment is ORDER_STATUS_INVALID.
 */
export const cancel: Handler = (ctx, body) => {
  const ref = readPaymentRef(body)
  const payment = findPayment(ctx, ref)
  if (payment === undefined) {
    const sessionId =
      ref.paymentRequestId === undefined ? undefined : ctx.state.sessionIdByRequestId.get(ref.paymentRequestId)
    const session = sessionId === undefined ? undefined : ctx.state.sessions.get(sessionId)
    if (session === undefined || (session.status !== 'open' && session.status !== 'cancelled'))
      return { body: bare('ORDER_NOT_EXIST') }
    session.status = 'cancelled'
    return {
      body: { result: result('SUCCESS'), paymentRequestId: session.paymentRequestId, cancelTime: isoTime(ctx.now) },
    }
  }
  if (payment.status === 'pending' || payment.status === 'authorized') cancelPayment(ctx, payment)
  if (payment.status !== 'cancelled') return { body: bare('ORDER_STATUS_INVALID') }
  return {
    body: {
      result: result('SUCCESS'),
      paymentId: payment.paymentId,
      paymentRequestId: payment.paymentRequestId,
      cancelTime: isoTime(payment.closedAt ?? ctx.now),
    },
  }
}
