import { fail, succeed } from '../payments.js'
import { readId, readObject, readString, reject } from '../read.js'
import { paymentAnswer } from '../responses.js'
import { bare, paramIllegal } from '../results.js'
import type { Ctx, PaymentRecord } from '../state.js'
import { paymentById } from '../state.js'
import type { ResponseBody } from '../types.js'
import { type Handler, idempotent } from './answer.js'

/** The verifyMethodType the spec lists. */
export const VERIFY_METHOD_TYPE = 'SMS_OTP'

const LOCKING_CODES = new Set(['EXPIRED_CODE', 'VERIFY_TIMES_EXCEED_LIMIT', 'ORDER_IS_CLOSED'])

const notPending = (payment: PaymentRecord): ResponseBody => {
  if (payment.status === 'failed' && LOCKING_CODES.has(payment.resultCode)) return bare(payment.resultCode)
  if (payment.status === 'cancelled') return bare('ORDER_IS_CANCELED')
  return bare('ORDER_STATUS_INVALID')
}

const verify = (ctx: Ctx, payment: PaymentRecord, otpValue: string, verifyRequestId: string): ResponseBody => {
  const otp = payment.otp
  if (otp === undefined || (payment.status === 'pending' && payment.step !== 'otp')) return bare('ORDER_STATUS_INVALID')
  if (payment.status !== 'pending') return notPending(payment)
  const fields = { paymentId: payment.paymentId, verifyRequestId }
  if (ctx.now > otp.issuedAt + ctx.config.otpWindowMs) {
    fail(ctx, payment, 'EXPIRED_CODE')
    return { ...bare('EXPIRED_CODE'), ...fields }
  }
  if (otpValue === ctx.config.otpCode) {
    succeed(ctx, payment)
    return paymentAnswer(payment, { verifyRequestId })
  }
  otp.wrongAttempts += 1
  if (otp.wrongAttempts < ctx.config.otpMaxAttempts) return { ...bare('VERIFY_UNMATCHED'), ...fields }
  fail(ctx, payment, 'VERIFY_TIMES_EXCEED_LIMIT')
  return { ...bare('VERIFY_TIMES_EXCEED_LIMIT'), ...fields }
}

/**
 * Verifies the OTP of a payment `pay` left waiting for one: `verifyMethod: { verifyMethodType: 'SMS_OTP',
 * otpValue }`. The OTP itself is compared and forgotten, never stored.
 */
export const verifyAndCompletePayment: Handler = (ctx, body) => {
  const verifyRequestId = readId(body, 'verifyRequestId')
  const paymentId = readId(body, 'paymentId')
  const method = readObject(body, 'verifyMethod')
  if (readString(method, 'verifyMethodType', 32) !== VERIFY_METHOD_TYPE)
    reject(paramIllegal(`verifyMethod.verifyMethodType must be ${VERIFY_METHOD_TYPE}`))
  const otpValue = readString(method, 'otpValue', 32)

  return idempotent(ctx, 'verify', verifyRequestId, { endpoint: 'verifyAndCompletePayment', paymentId }, () => {
    const payment = paymentById(ctx.state, paymentId)
    return payment === undefined ? bare('ORDER_NOT_EXIST') : verify(ctx, payment, otpValue, verifyRequestId)
  })
}
