import { refundableMinor } from '../machine/amounts.js'
import type { Anomaly, PaymentContext } from '../machine/context.js'
import type { PaymentEvent } from '../machine/events.js'
import type { PaymentState } from '../machine/state.js'

/**
 * Merchant intents that a state does not handle at all are refused too (a refund before capture, a cancel after
 * it). A customer coming back late is not an error, and a repeated intent (`duplicate`) is answered with the status.
 */
const REFUSED_WHEN_IGNORED: ReadonlySet<PaymentEvent['type']> = new Set([
  'SUBMIT',
  'OTP_SUBMITTED',
  'CAPTURE',
  'CANCEL',
  'REFUND',
])

/** The anomaly by which this step refused `event`, if it refused it. */
export const rejectionOf = (
  before: PaymentContext,
  after: PaymentContext,
  event: PaymentEvent,
): Anomaly | undefined => {
  if (after.anomalyCount <= before.anomalyCount) return undefined
  const last = after.anomalies.at(-1)
  if (last?.reason === 'rejected') return last
  return last?.reason === 'ignored' && REFUSED_WHEN_IGNORED.has(event.type) ? last : undefined
}

/** Why the machine refused an intent, in words a merchant's engineer can act on. */
export const rejectionReason = (context: PaymentContext, state: PaymentState, event: PaymentEvent): string => {
  if (event.type === 'CAPTURE' && event.amount !== undefined && context.authorized !== undefined) {
    if (event.amount.currency !== context.authorized.currency) return 'capture currency differs from the authorization'
    if (event.amount.minor > context.authorized.minor) return 'capture amount exceeds the authorized amount'
  }
  if (event.type === 'REFUND' && state === 'captured') {
    if (event.amount.minor > refundableMinor(context)) return 'refund amount exceeds the refundable amount'
  }
  return `${event.type} is not allowed while the payment is ${state}`
}
