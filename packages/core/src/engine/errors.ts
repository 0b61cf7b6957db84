import * as Data from 'effect/Data'
import type { MerchantEvent } from '../machine/events.js'

/** The machine refused a merchant intent (a capture above the authorization, a refund above the refundable...). */
export class IntentRejected extends Data.TaggedError('IntentRejected')<{
  readonly paymentRequestId: string
  readonly intent: MerchantEvent['type']
  readonly reason: string
}> {
  override get message() {
    return `${this.intent} rejected for payment ${this.paymentRequestId}: ${this.reason}`
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
