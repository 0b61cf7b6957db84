import type { Money } from '@paychart/core'
import type { ResponseBody } from './types.js'

/**
 * What must match for a repeated request id to be the same request. The spec compares amount and currency; the
 * simulator also compares the endpoint (pay and createPaymentSession share paymentRequestId) and the paymentId
 * (capture, refund, verifyAndCompletePayment).
 */
export interface Fingerprint {
  readonly endpoint: string
  readonly amount?: Money
  readonly paymentId?: string
}

export interface IdempotencyEntry {
  readonly fingerprint: Fingerprint
  readonly body: ResponseBody
  readonly at: number
}

/** The namespace of a request id: pay and createPaymentSession share `payment`. */
export type IdempotencyScope = 'payment' | 'verify' | 'capture' | 'refund'

export type Recall =
  | { readonly kind: 'fresh' }
  | { readonly kind: 'replay'; readonly entry: IdempotencyEntry }
  | { readonly kind: 'inconsistent'; readonly entry: IdempotencyEntry }

const key = (scope: IdempotencyScope, requestId: string): string => `${scope}:${requestId}`

const sameAmount = (a: Money | undefined, b: Money | undefined): boolean =>
  a?.currency === b?.currency && a?.minor === b?.minor

export const sameFingerprint = (a: Fingerprint, b: Fingerprint): boolean =>
  a.endpoint === b.endpoint && a.paymentId === b.paymentId && sameAmount(a.amount, b.amount)

export const recall = (
  store: ReadonlyMap<string, IdempotencyEntry>,
  scope: IdempotencyScope,
  requestId: string,
  fingerprint: Fingerprint,
): Recall => {
  const entry = store.get(key(scope, requestId))
  if (entry === undefined) return { kind: 'fresh' }
  return sameFingerprint(entry.fingerprint, fingerprint) ? { kind: 'replay', entry } : { kind: 'inconsistent', entry }
}

/** Whether a request id has an answer stored in `scope`. */
export const isRemembered = (
  store: ReadonlyMap<string, IdempotencyEntry>,
  scope: IdempotencyScope,
  requestId: string,
): boolean => store.has(key(scope, requestId))

/** Stores the first answer under a request id; a later call never overwrites it. */
export const remember = (
  store: Map<string, IdempotencyEntry>,
  scope: IdempotencyScope,
  requestId: string,
  entry: IdempotencyEntry,
): void => {
  const k = key(scope, requestId)
  if (!store.has(k)) store.set(k, entry)
}
