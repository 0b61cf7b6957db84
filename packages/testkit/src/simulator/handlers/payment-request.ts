import { parseIsoTime } from '../clock.js'
import { isBankTransfer } from '../methods.js'
import { readObject, readOptionalObject, readOptionalString, reject } from '../read.js'
import { bare, paramIllegal } from '../results.js'
import type { Ctx } from '../state.js'
import type { JsonObject, ResponseBody } from '../types.js'

/** paymentFactor.captureMode: AUTOMATIC when absent (the spec's default). */
export const readCaptureMode = (body: JsonObject): 'AUTOMATIC' | 'MANUAL' => {
  const factor = readOptionalObject(body, 'paymentFactor')
  const mode = factor?.captureMode
  if (mode === undefined || mode === 'AUTOMATIC') return 'AUTOMATIC'
  if (mode === 'MANUAL') return 'MANUAL'
  return reject(paramIllegal('paymentFactor.captureMode must be AUTOMATIC or MANUAL'))
}

export const requireProductCode = (body: JsonObject): void => {
  if (body.productCode !== 'CASHIER_PAYMENT') reject(paramIllegal('productCode must be CASHIER_PAYMENT'))
}

export const requireObjects = (body: JsonObject, fields: ReadonlyArray<string>): void => {
  for (const field of fields) readObject(body, field)
}

/**
 * When the pending payment expires: the request's paymentExpiryTime, which must be after now and at most
 * `maxRequestedExpiryMs` ahead (48 hours for bank transfer, the spec), else the default (14 minutes, 48 hours).
 */
export const readExpiry = (ctx: Ctx, body: JsonObject, paymentMethodType: string): number => {
  const bank = isBankTransfer(paymentMethodType)
  const text = readOptionalString(body, 'paymentExpiryTime', 64)
  if (text === undefined) return ctx.now + (bank ? ctx.config.bankTransferExpiryMs : ctx.config.paymentExpiryMs)
  const at = parseIsoTime(text)
  if (at === undefined) return reject(paramIllegal('paymentExpiryTime must be an ISO 8601 date-time with an offset'))
  const limit = bank ? ctx.config.bankTransferExpiryMs : ctx.config.maxRequestedExpiryMs
  if (at <= ctx.now || at > ctx.now + limit) return reject(paramIllegal('paymentExpiryTime is out of range'))
  return at
}

/**
 * When a Checkout Page session closes: the request's `paymentSessionExpiryTime` when it names a time ahead, else the
 * simulator's default (1 hour).
 */
export const readSessionExpiry = (ctx: Ctx, body: JsonObject): number => {
  const text = readOptionalString(body, 'paymentSessionExpiryTime', 64)
  if (text === undefined) return ctx.now + ctx.config.sessionExpiryMs
  const at = parseIsoTime(text)
  if (at === undefined) return reject(paramIllegal('paymentSessionExpiryTime must be an ISO 8601 date-time'))
  if (at <= ctx.now) return reject(paramIllegal('paymentSessionExpiryTime is in the past'))
  return at
}

/**
 * A repeated paymentRequestId (same amount and currency) gets the first answer, except once the payment is
 * cancelled (ORDER_IS_CANCELED) or, having been in process, closed (ORDER_IS_CLOSED), as the pay table says.
 */
export const replayPaymentRequest =
  (ctx: Ctx, paymentRequestId: string) =>
  (stored: ResponseBody): ResponseBody => {
    const payment = ctx.state.payments.get(paymentRequestId)
    if (payment?.status === 'cancelled') return bare('ORDER_IS_CANCELED')
    const sessionId = ctx.state.sessionIdByRequestId.get(paymentRequestId)
    const session = sessionId === undefined ? undefined : ctx.state.sessions.get(sessionId)
    if (session?.status === 'cancelled') return bare('ORDER_IS_CANCELED')
    if (session?.status === 'expired') return bare('ORDER_IS_CLOSED')
    if (payment?.status === 'failed' && stored.result.resultStatus !== 'F') return bare('ORDER_IS_CLOSED')
    return stored
  }
