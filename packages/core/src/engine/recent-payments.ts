import type { StoredPayment } from '../store/records.js'

/**
 * The payments this engine last wrote or read, the `capacity` most recently used: the next event for one of them
 * starts from it instead of reading the store. A copy another instance moved on since is stale, which costs one
 * conflict (the commit compares versions) and never a wrong commit; a copy is never taken for a newer one.
 */
export interface RecentPayments {
  readonly get: (paymentRequestId: string) => StoredPayment | undefined
  /** Keeps `payment` unless a newer version of it is kept. */
  readonly remember: (payment: StoredPayment) => void
  readonly forget: (paymentRequestId: string) => void
  readonly size: () => number
}

export const recentPayments = (capacity: number): RecentPayments => {
  const kept = new Map<string, StoredPayment>()
  return {
    get: (paymentRequestId) => {
      const payment = kept.get(paymentRequestId)
      if (payment === undefined) return undefined
      // Used again: the newest in the Map's order, the last to be dropped.
      kept.delete(paymentRequestId)
      kept.set(paymentRequestId, payment)
      return payment
    },
    remember: (payment) => {
      if (capacity <= 0) return
      const known = kept.get(payment.paymentRequestId)
      if (known !== undefined && known.version > payment.version) return
      kept.delete(payment.paymentRequestId)
      kept.set(payment.paymentRequestId, payment)
      if (kept.size > capacity) kept.delete(kept.keys().next().value as string)
    },
    forget: (paymentRequestId) => void kept.delete(paymentRequestId),
    size: () => kept.size,
  }
}
