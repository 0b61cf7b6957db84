import type { PaymentSnapshot } from './step.js'

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

export const TERMINAL_STATES: ReadonlySet<PaymentState> = new Set(['refunded', 'cancelled', 'failed', 'expired'])

export const stateOf = (snapshot: PaymentSnapshot): PaymentState => {
  const value = snapshot.value
  return (typeof value === 'string' ? value : value.pending) as PaymentState
}

export const isTerminal = (snapshot: PaymentSnapshot): boolean => TERMINAL_STATES.has(stateOf(snapshot))
