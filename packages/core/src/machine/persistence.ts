import type { PaymentContext } from './context.js'
import { upgradeStoredContext } from './initial-context.js'
import { paymentMachine } from './payment-machine.js'
import type { PaymentSnapshot } from './transitions.js'

/** The JSON a store keeps, as XState persists a snapshot: state value and context, which hold no card data. */
export type PersistedPayment = ReturnType<typeof paymentMachine.getPersistedSnapshot>

export const persistPayment = (snapshot: PaymentSnapshot): PersistedPayment =>
  paymentMachine.getPersistedSnapshot(snapshot)

/** The stored JSON as a snapshot again, through XState's `resolveState`. */
export const restorePayment = (stored: PersistedPayment): PaymentSnapshot => {
  const persisted = stored as unknown as { readonly value: PaymentSnapshot['value']; readonly context: PaymentContext }
  return paymentMachine.resolveState({ value: persisted.value, context: upgradeStoredContext(persisted.context) })
}
