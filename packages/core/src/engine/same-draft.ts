import { persistPayment, restorePayment } from '../machine/persistence.js'
import type { PaymentSnapshot } from '../machine/transitions.js'
import type { StoredPayment } from '../store/records.js'

/** JSON with every object's keys in one order: a store may give them back in another (Postgres `jsonb` does). */
const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical)
  if (value === null || typeof value !== 'object') return value
  const object = value as Record<string, unknown>
  return Object.fromEntries(
    Object.keys(object)
      .sort()
      .map((key) => [key, canonical(object[key])]),
  )
}

const jsonOf = (snapshot: PaymentSnapshot) =>
  JSON.stringify(canonical(JSON.parse(JSON.stringify(persistPayment(snapshot)))))

/**
 * Whether `stored` is the draft that `created` (the payment a create makes of its input) would be: a create made
 * before with the same input, whose submission was never written (the store failed, or the process died).
 */
export const isSameDraft = (stored: StoredPayment, created: PaymentSnapshot): boolean =>
  stored.state === 'draft' && jsonOf(restorePayment(stored.snapshot)) === jsonOf(created)
