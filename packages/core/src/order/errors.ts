import * as Data from 'effect/Data'

/**
 * Why an order may not start another attempt now:
 * - `attemptOpen`: an earlier attempt may still succeed (the buyer is paying, or its outcome is not known yet);
 *   cancel it first (`replaceOpen`), or wait for it.
 * - `paid`: an attempt took the buyer's money; the order is paid.
 * - `exhausted`: the order has had as many attempts as it may.
 */
export type AttemptRefusal = 'attemptOpen' | 'paid' | 'exhausted'

/** A new attempt for an order was refused; nothing was stored or sent. */
export class OrderAttemptRefused extends Data.TaggedError('OrderAttemptRefused')<{
  readonly orderReference: string
  readonly reason: AttemptRefusal
  /** The attempt that stands in the way (open or paid), or the last one. */
  readonly paymentRequestId: string
}> {
  override get message() {
    const why = {
      attemptOpen: `attempt ${this.paymentRequestId} may still succeed`,
      paid: `attempt ${this.paymentRequestId} is paid`,
      exhausted: `it has had its last attempt (${this.paymentRequestId})`,
    }[this.reason]
    return `order ${this.orderReference}: no new attempt, ${why}`
  }
}
