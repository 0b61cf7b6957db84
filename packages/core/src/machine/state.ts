import { PAYMENT_TAGS, type PaymentTag } from './tags.js'
import type { PaymentSnapshot } from './transitions.js'

/** Every state a payment can be in, flattened from the statechart. */
export const PAYMENT_STATES = [
  'draft',
  'submitting',
  'awaitingCustomer',
  'awaitingOtp',
  'verifyingOtp',
  'reconciling',
  'expiring',
  'authorized',
  'capturing',
  'captured',
  'refunded',
  'cancelling',
  'cancelled',
  'failed',
  'expired',
] as const

export type PaymentState = (typeof PAYMENT_STATES)[number]

export const stateOf = (snapshot: PaymentSnapshot): PaymentState => {
  const value = snapshot.value
  return (typeof value === 'string' ? value : value.pending) as PaymentState
}

/** The tags of the payment's state, in the order `PAYMENT_TAGS` lists them. */
export const tagsOf = (snapshot: PaymentSnapshot): ReadonlyArray<PaymentTag> =>
  PAYMENT_TAGS.filter((tag) => snapshot.hasTag(tag))

export const isTerminal = (snapshot: PaymentSnapshot): boolean => snapshot.hasTag('terminal')
