/**
 * What a state means to whoever reads a payment, as XState tags on the chart: `snapshot.hasTag('terminal')`, or the
 * `tags` of a payment's status. Read these, never a list of state names.
 */
export type PaymentTag =
  /**
   * Nothing moves it any more: refunded, cancelled, failed or expired. (One closed on ORDER_NOT_EXIST still cancels a
   * pay that lands afterwards, and stays where it is.)
   */
  | 'terminal'
  /** Whether the buyer paid is not known yet. */
  | 'pending'
  /** A capture or a cancel is on its way to the gateway: the payment's outcome is known, the operation's is not. */
  | 'settling'
  /** The buyer has to act: a redirect (3DS, a wallet, the checkout page) or an OTP. */
  | 'awaitingCustomer'
  /** The buyer paid and the money is taken or being taken: capturing, captured. */
  | 'paid'
  /**
   * A pay or a verification may still be (re)sent, so the engine keeps the card's secrets in memory (never in the
   * store); outside these states it forgets them.
   */
  | 'holdsCardData'

export const PAYMENT_TAGS: ReadonlyArray<PaymentTag> = [
  'terminal',
  'pending',
  'settling',
  'awaitingCustomer',
  'paid',
  'holdsCardData',
]
