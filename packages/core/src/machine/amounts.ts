import type { Money } from '../money/index.js'
import type { CaptureRecord, PaymentContext } from './context.js'

const sum = (amounts: ReadonlyArray<Money>): number => amounts.reduce((total, m) => total + m.minor, 0)

export const capturedMinor = (context: PaymentContext): number =>
  context.capture?.status === 'succeeded' ? context.capture.amount.minor : 0

export const refundedMinor = (context: PaymentContext): number =>
  sum(context.refunds.filter((r) => r.status === 'succeeded').map((r) => r.amount))

/**
 * Captured minus every refund that succeeded or may still succeed: computed, never stored. Never below zero: a refund
 * made in the gateway's dashboard may take what a refund still pending here asked for (which the gateway then fails).
 */
export const refundableMinor = (context: PaymentContext): number =>
  Math.max(0, capturedMinor(context) - sum(context.refunds.filter((r) => r.status !== 'failed').map((r) => r.amount)))

export const isFullyRefunded = (context: PaymentContext): boolean =>
  capturedMinor(context) > 0 &&
  refundedMinor(context) === capturedMinor(context) &&
  context.refunds.every((r) => r.status !== 'pending')

/** Every capture the merchant asked for: the current one and the earlier ones that failed. */
export const capturesOf = (context: PaymentContext): ReadonlyArray<CaptureRecord> =>
  context.capture === undefined ? context.earlierCaptures : [...context.earlierCaptures, context.capture]
