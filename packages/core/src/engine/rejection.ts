import type { Anomaly, PaymentContext } from '../machine/context.js'
import type { MerchantEvent, PaymentEvent } from '../machine/events.js'
import type { PaymentState } from '../machine/state.js'
import { IntentRejected, RequestIdReused } from './errors.js'

/** The refusal this step recorded for `event`, if the machine refused it. */
export const rejectionOf = (
  before: PaymentContext,
  after: PaymentContext,
  _event: PaymentEvent,
): Anomaly | undefined => {
  if (after.anomalyCount <= before.anomalyCount) return undefined
  const last = after.anomalies.at(-1)
  return last?.reason === 'rejected' ? last : undefined
}

/** Whether this step put the event off (a notification the payment cannot take yet): it is not to be committed. */
export const deferredBy = (before: PaymentContext, after: PaymentContext): boolean =>
  after.anomalyCount > before.anomalyCount && after.anomalies.at(-1)?.reason === 'deferred'

/** The typed error for an intent the machine refused, in words a merchant's engineer can act on. */
export const intentError = (
  paymentRequestId: string,
  state: PaymentState,
  event: MerchantEvent,
  anomaly: Anomaly,
): IntentRejected | RequestIdReused => {
  const refusal = anomaly.refusal ?? { code: 'notAllowed' as const, detail: '' }
  if (refusal.code === 'requestIdReused' && (event.type === 'CAPTURE' || event.type === 'REFUND')) {
    const requestId = event.type === 'CAPTURE' ? event.captureRequestId : event.refundRequestId
    return new RequestIdReused({ paymentRequestId, intent: event.type, requestId, reason: refusal.detail })
  }
  const code = refusal.code === 'requestIdReused' ? 'notAllowed' : refusal.code
  const reason = code === 'notAllowed' ? `${event.type} is not allowed while the payment is ${state}` : refusal.detail
  return new IntentRejected({ paymentRequestId, intent: event.type, code, reason })
}
