import * as Data from 'effect/Data'
import type { Refusal, RefusalCode } from '../machine/context.js'
import type { MerchantEvent } from '../machine/events.js'
import type { PaymentState } from '../machine/state.js'

/** The machine refused a merchant intent (a capture above the authorization, a refund above the refundable...). */
export class IntentRejected extends Data.TaggedError('IntentRejected')<{
  readonly paymentRequestId: string
  readonly intent: MerchantEvent['type']
  /** Why, as a code to branch on: `notAllowed` in the payment's state, `exceedsRefundable`, `alreadyCaptured`... */
  readonly code: Exclude<RefusalCode, 'requestIdReused'>
  readonly reason: string
}> {
  override get message() {
    return `${this.intent} rejected for payment ${this.paymentRequestId}: ${this.reason}`
  }
}

/** A PaymentInput the payment cannot be created from, naming the field; nothing was stored or sent. */
export class PaymentInputInvalid extends Data.TaggedError('PaymentInputInvalid')<{
  readonly paymentRequestId: string
  readonly field: string
  readonly reason: string
}> {
  override get message() {
    return `payment ${this.paymentRequestId} not created: ${this.field} ${this.reason}`
  }
}

/** Other writers kept committing first: the event was not applied after every retry. */
export class TooManyConflicts extends Data.TaggedError('TooManyConflicts')<{
  readonly paymentRequestId: string
  readonly attempts: number
}> {
  override get message() {
    return `payment ${this.paymentRequestId}: gave up after ${this.attempts} version conflicts`
  }
}

/**
 * A capture or refund request id already used for another amount or currency: refused, as the gateway refuses it
 * (REPEAT_REQ_INCONSISTENT). The same id with the same amount is the same request, answered with the status.
 */
export class RequestIdReused extends Data.TaggedError('RequestIdReused')<{
  readonly paymentRequestId: string
  readonly intent: 'CAPTURE' | 'REFUND'
  readonly requestId: string
  readonly reason: string
}> {
  override get message() {
    return `${this.intent} refused for payment ${this.paymentRequestId}: ${this.reason}`
  }
}

/** The typed error for an intent the machine refused, in words a merchant's engineer can act on. */
export const refusalError = (
  paymentRequestId: string,
  state: PaymentState,
  event: MerchantEvent,
  refusal: Refusal,
): IntentRejected | RequestIdReused => {
  if (refusal.code === 'requestIdReused' && (event.type === 'CAPTURE' || event.type === 'REFUND')) {
    const requestId = event.type === 'CAPTURE' ? event.captureRequestId : event.refundRequestId
    return new RequestIdReused({ paymentRequestId, intent: event.type, requestId, reason: refusal.detail })
  }
  const code = refusal.code === 'requestIdReused' ? 'notAllowed' : refusal.code
  const reason = code === 'notAllowed' ? `${event.type} is not allowed while the payment is ${state}` : refusal.detail
  return new IntentRejected({ paymentRequestId, intent: event.type, code, reason })
}
