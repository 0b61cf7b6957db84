import type { PaymentContext } from './context.js'
import { INERT_CONTEXT, withEveryKey } from './initial-context.js'
import { paymentMachine } from './payment-machine.js'
import type { PaymentSnapshot } from './step.js'

/** The JSON a store keeps: state value and context, which hold no card data by construction. */
export type PersistedPayment = ReturnType<typeof paymentMachine.getPersistedSnapshot>

/** What a persisted payment holds, as this module reads it. */
interface PersistedFields {
  readonly status: PaymentSnapshot['status']
  readonly value: PaymentSnapshot['value']
  readonly context: PaymentContext
  readonly output?: unknown
  readonly error?: unknown
}

/**
 * `getPersistedSnapshot` of xstate, built directly: the machine spawns no children, has no history states and keeps
 * no actor in its context, so there is nothing for xstate's walk over the context to convert (`persistence.test.ts`
 * compares the two over walks through every state).
 */
export const persistPayment = (snapshot: PaymentSnapshot): PersistedPayment =>
  ({
    status: snapshot.status,
    output: snapshot.output,
    error: snapshot.error,
    value: snapshot.value,
    historyValue: {},
    context: snapshot.context,
    children: {},
  }) as PersistedPayment

const valueKey = (value: PaymentSnapshot['value']): string => {
  if (typeof value === 'string') return value
  let key = ''
  for (const [parent, child] of Object.entries(value))
    key += `${parent}.${valueKey(child as PaymentSnapshot['value'])};`
  return key
}

/** One resolved snapshot per state: all that tells two payments in the same state apart is their context. */
const resolvedStates = new Map<string, PaymentSnapshot>()

const resolve = (persisted: PersistedFields, context: PaymentContext): PaymentSnapshot =>
  paymentMachine.resolveState({ ...persisted, context } as Parameters<typeof paymentMachine.resolveState>[0])

/**
 * The stored JSON as a snapshot again; its context gets back the keys whose `undefined` the JSON dropped. xstate's
 * `resolveState` works out the state nodes of the value each time; that part depends only on the state, so it is
 * resolved once per state and the payment's context put in a copy of it.
 */
export const restorePayment = (stored: PersistedPayment): PaymentSnapshot => {
  const persisted = stored as unknown as PersistedFields
  const context = withEveryKey(persisted.context)
  if (persisted.status !== 'active' || persisted.output !== undefined || persisted.error !== undefined) {
    return resolve(persisted, context)
  }
  const key = valueKey(persisted.value)
  let resolved = resolvedStates.get(key)
  if (resolved === undefined) {
    resolved = resolve(persisted, INERT_CONTEXT)
    resolvedStates.set(key, resolved)
  }
  return { ...resolved, context }
}
