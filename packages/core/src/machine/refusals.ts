import { describeMoney } from './agreement.js'
import { capturedMinor, capturesOf, refundableMinor } from './amounts.js'
import type { PaymentContext, Refusal } from './context.js'
import type { PaymentEvent } from './events.js'

const refuse = (code: Refusal['code'], detail: string): Refusal => ({ code, detail })

const captureRefusal = (c: PaymentContext, e: Extract<PaymentEvent, { type: 'CAPTURE' }>): Refusal | undefined => {
  const amount = e.amount ?? c.authorized ?? c.amount
  const used = capturesOf(c).find((capture) => capture.captureRequestId === e.captureRequestId)
  if (used !== undefined) {
    return refuse(
      'requestIdReused',
      `captureRequestId ${e.captureRequestId} was used for ${describeMoney(used.amount)}; this capture asks for ${describeMoney(amount)}`,
    )
  }
  const ours = c.capture
  if (ours !== undefined && ours.status !== 'failed') {
    return refuse('alreadyCaptured', `the payment is already captured or being captured (${ours.status})`)
  }
  if (c.authorized === undefined) return undefined
  if (amount.currency !== c.authorized.currency) {
    return refuse('currencyMismatch', `capture currency ${amount.currency} differs from the authorization's`)
  }
  if (amount.minor <= 0) return refuse('invalidAmount', 'a capture must be of more than nothing')
  if (amount.minor > c.authorized.minor) {
    return refuse('exceedsAuthorized', `capture of ${describeMoney(amount)} exceeds the authorized amount`)
  }
  return undefined
}

const refundRefusal = (c: PaymentContext, e: Extract<PaymentEvent, { type: 'REFUND' }>): Refusal | undefined => {
  const used = c.refunds.find((r) => r.refundRequestId === e.refundRequestId)
  if (used !== undefined) {
    return refuse(
      'requestIdReused',
      `refundRequestId ${e.refundRequestId} was used for ${describeMoney(used.amount)}; this refund asks for ${describeMoney(e.amount)}`,
    )
  }
  if (capturedMinor(c) === 0) return undefined
  if (e.amount.currency !== c.amount.currency) {
    return refuse('currencyMismatch', `refund currency ${e.amount.currency} differs from the payment's`)
  }
  if (e.amount.minor <= 0) return refuse('invalidAmount', 'a refund must be of more than nothing')
  if (e.amount.minor > refundableMinor(c)) {
    return refuse('exceedsRefundable', `refund of ${describeMoney(e.amount)} exceeds the refundable amount`)
  }
  return undefined
}

/**
 * Why the machine refuses a merchant intent where it refuses it: the most specific reason the payment's context
 * gives, else `notAllowed` (the intent has no place in the payment's current state).
 */
export const refusalOf = (c: PaymentContext, e: PaymentEvent): Refusal => {
  const specific = e.type === 'CAPTURE' ? captureRefusal(c, e) : e.type === 'REFUND' ? refundRefusal(c, e) : undefined
  return specific ?? refuse('notAllowed', `${e.type} is not allowed in the payment's current state`)
}
