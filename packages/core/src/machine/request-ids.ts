import { capturesOf } from './amounts.js'
import type { PaymentContext } from './context.js'

/**
 * The request id of the next refund a merchant asks for without naming one: `<paymentRequestId>-refund-<n>`, the
 * first n no refund of this payment uses. Read from the payment as it is committed, so two refunds asked at once get
 * two ids (the second commit conflicts, reloads and counts the first).
 */
export const nextRefundRequestId = (context: PaymentContext): string => {
  const used = new Set(context.refunds.map((r) => r.refundRequestId))
  let n = context.refunds.filter((r) => r.origin !== 'external').length + 1
  while (used.has(`${context.paymentRequestId}-refund-${n}`)) n += 1
  return `${context.paymentRequestId}-refund-${n}`
}

/**
 * The request id of a capture asked without one: the capture in progress or done keeps its id (asking again is the
 * same capture, and another amount is refused), the first is `<paymentRequestId>-capture`, and one after a failed
 * capture is new: `<paymentRequestId>-capture-<n>`, the first n from the count of captures asked that no capture of
 * this payment uses (a failed capture's id stays taken, whoever chose it).
 */
export const nextCaptureRequestId = (context: PaymentContext): string => {
  const base = `${context.paymentRequestId}-capture`
  const current = context.capture
  if (current === undefined) return base
  if (current.status !== 'failed') return current.captureRequestId ?? base
  const used = new Set(capturesOf(context).map((c) => c.captureRequestId))
  let n = Math.max(2, context.counts.capturesRequested + 1)
  while (used.has(`${base}-${n}`)) n += 1
  return `${base}-${n}`
}
