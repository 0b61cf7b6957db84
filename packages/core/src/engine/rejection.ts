import { refundableMinor } from '../machine/amounts.js'
import type { Anomaly, PaymentContext } from '../machine/context.js'
import type { PaymentEvent } from '../machine/events.js'
import type { PaymentState } from '../machine/state.js'

/** The `rejected` anomaly this step recorded, if it recorded one. */
export const rejectionOf = (before: PaymentContext, after: PaymentContext): Anomaly | undefined => {
  if (after.anomalyCount <= before.anomalyCount) return undefined
  const last = after.anomalies.at(-1)
  return last?.reason === 'rejected' ? last : undefined
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
