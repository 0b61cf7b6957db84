import { toWire } from '@paychart/core/money'
import { isoTime } from '../clock.js'
import { capturesSeparately } from '../methods.js'
import { capturePayment } from '../payments.js'
import { readAmount, readId } from '../read.js'
import { bare, result } from '../results.js'
import type { Ctx, PaymentRecord } from '../state.js'
import { paymentById } from '../state.js'
import type { ResponseBody } from '../types.js'
import { type Handler, idempotent } from './answer.js'

const refusal = (ctx: Ctx, payment: PaymentRecord, amount: PaymentRecord['amount']): ResponseBody | undefined => {
  if (!capturesSeparately(payment.paymentMethodType)) return bare('ORDER_STATUS_INVALID')
  if (payment.status !== 'authorized' || payment.captureMode !== 'MANUAL') return bare('ORDER_STATUS_INVALID')
  if (ctx.now > (payment.paidAt ?? 0) + ctx.config.captureWindowMs)
    return bare('ORDER_STATUS_INVALID', 'The authorization is past its capture window.')
  if (amount.currency !== payment.amount.currency)
    return bare('PARAM_ILLEGAL', 'captureAmount.currency differs from the payment currency.')
  if (amount.minor > payment.amount.minor) return bare('INVALID_AMOUNT', 'captureAmount exceeds the authorized amount.')
  return undefined
}

/**
 * Captures an authorized MANUAL card payment once, for at most the authorized amount, within the capture window.
 * Refusals: ORDER_NOT_EXIST, ORDER_STATUS_INVALID (not authorized, automatic, captured, cancelled, window passed),
 * PARAM_ILLEGAL (other currency), INVALID_AMOUNT (more than authorized).
 */
export const capture: Handler = (ctx, body) => {
  const captureRequestId = readId(body, 'captureRequestId')
  const paymentId = readId(body, 'paymentId')
  const amount = readAmount(body, 'captureAmount')

  return idempotent(ctx, 'capture', captureRequestId, { endpoint: 'capture', paymentId, amount }, () => {
    const payment = paymentById(ctx.state, paymentId)
    if (payment === undefined) return bare('ORDER_NOT_EXIST')
    const refused = refusal(ctx, payment, amount)
    if (refused !== undefined) return refused
    const done = capturePayment(ctx, payment, amount, captureRequestId, false)
    return {
      result: result('SUCCESS'),
      captureRequestId,
      captureId: done.captureId,
      paymentId,
      captureAmount: toWire(done.amount),
      captureTime: isoTime(done.at),
    }
  })
}
