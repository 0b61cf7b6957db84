import { capturePayment, expire } from './payments.js'
import type { Ctx } from './state.js'

/**
 * Brings the state up to `ctx.now`, in time order: pending payments past their expiry are closed (PAYMENT_RESULT F
 * queued), delayed automatic captures happen, and open Checkout Page sessions past their expiry close (the spec:
 * no notification when the buyer never submitted a payment).
 */
export const sweep = (ctx: Ctx): void => {
  for (const payment of ctx.state.payments.values()) {
    if (payment.status === 'pending' && payment.expiresAt <= ctx.now)
      expire({ ...ctx, now: payment.expiresAt }, payment)
    if (payment.status === 'authorized' && payment.autoCaptureAt !== undefined && payment.autoCaptureAt <= ctx.now)
      capturePayment({ ...ctx, now: payment.autoCaptureAt }, payment, payment.amount, payment.paymentRequestId, true)
  }
  for (const session of ctx.state.sessions.values()) {
    if (session.status === 'open' && session.expiresAt <= ctx.now) session.status = 'expired'
  }
}
