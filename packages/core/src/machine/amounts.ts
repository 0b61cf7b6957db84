import type { Money } from '../money/index.js'
import type { PaymentContext } from './context.js'

const sum = (amounts: ReadonlyArray<Money>): number => amounts.reduce((total, m) => total + m.minor, 0)

export const capturedMinor = (context: PaymentContext): number =>
  context.capture?.status === 'succeeded' ? context.capture.amount.minor : 0

export const refundedMinor = (context: PaymentContext): number =>
  sum(context.refunds.filter((r) => r.status === 'succeeded').map((r) => r.amount))

/** Captured minus every refund that succeeded or may still succeed: computed, never stored. */
export const refundableMinor = (context: PaymentContext): number =>
  capturedMinor(context) - sum(context.refunds.filter((r) => r.status !== 'failed').map((r) => r.amount))

export const isFullyRefunded = (context: PaymentContext): boolean =>
  capturedMinor(context) > 0 &&
  refundedMinor(context) === capturedMinor(context) &&
  context.refunds.every((r) => r.status !== 'pending')

/** Describes how `reported` disagrees with `expected`, or undefined when they agree. */
export const disagreement = (expected: Money, reported: Money | undefined): 'amount' | 'currency' | undefined => {
  if (reported === undefined) return undefined
  if (reported.currency !== expected.currency) return 'currency'
  return reported.minor === expected.minor ? undefined : 'amount'
}
