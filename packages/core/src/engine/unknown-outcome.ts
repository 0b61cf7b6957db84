import type { PaymentState } from '../machine/state.js'

/**
 * The states in which paychart has asked the gateway and waits for its word: whether the buyer paid, or how a capture
 * or a cancel went, and not waiting for the buyer. On the chart: tagged `pending` or `settling`, not
 * `awaitingCustomer`, and past `draft` (a test holds this list to the tags). A payment long in one of them is what a
 * payments team looks at first.
 */
export const UNKNOWN_OUTCOME_STATES: ReadonlyArray<PaymentState> = [
  'submitting',
  'verifyingOtp',
  'reconciling',
  'expiring',
  'capturing',
  'cancelling',
]
