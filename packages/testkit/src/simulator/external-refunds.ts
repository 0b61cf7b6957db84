import type { Money } from '@paychart/core'
import { isCurrencyCode } from '@paychart/core/money'
import { isRemembered } from './idempotency.js'
import { type RefundRefusal, recordRefund, refundRefusal } from './refunds.js'
import type { Ctx } from './state.js'

export type ExternalRefundOutcome =
  | { readonly ok: true; readonly refundRequestId: string; readonly refundId: string }
  | { readonly ok: false; readonly reason: 'notFound' | RefundRefusal }

const checkAmount = (amount: Money): void => {
  if (!isCurrencyCode(amount?.currency)) throw new RangeError('amount.currency must be an ISO 4217 currency code')
  if (!(Number.isSafeInteger(amount.minor) && amount.minor > 0))
    throw new RangeError('amount.minor must be a positive safe integer')
}

/** The next `DASHBOARD-<n>` no refund (by the API or the dashboard) uses yet. */
const dashboardRequestId = (ctx: Ctx): string => {
  let n = ctx.state.externalRefunds.length + 1
  const used = (id: string) =>
    ctx.state.refundIdByRequestId.has(id) || isRemembered(ctx.state.idempotency, 'refund', id)
  while (used(`DASHBOARD-${n}`)) n += 1
  return `DASHBOARD-${n}`
}

/**
 * A refund made in the dashboard: allowed as the refund API allows it (captured, same currency, at most what is
 * left), recorded as the refund API records it (inquiryRefund, inquiryPayment and the views count it) and
 * notified by REFUND_RESULT to the payment's notify URL; but no call, so nothing in `calls()`.
 */
export const refundExternally = (ctx: Ctx, paymentRequestId: string, amount: Money): ExternalRefundOutcome => {
  checkAmount(amount)
  const payment = ctx.state.payments.get(paymentRequestId)
  if (payment === undefined) return { ok: false, reason: 'notFound' }
  const refused = refundRefusal(ctx, payment, amount)
  if (refused !== undefined) return { ok: false, reason: refused }
  const refundRequestId = dashboardRequestId(ctx)
  const record = recordRefund(ctx, payment, { refundRequestId, amount, notifyUrl: undefined })
  ctx.state.externalRefunds.push({
    refundRequestId,
    refundId: record.refundId,
    paymentRequestId,
    amount: record.amount,
    at: record.at,
  })
  return { ok: true, refundRequestId, refundId: record.refundId }
}
