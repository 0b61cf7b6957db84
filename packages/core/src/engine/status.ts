import { capturedMinor, refundableMinor, refundedMinor } from '../machine/amounts.js'
import type {
  AttemptOf,
  CaptureRecord,
  CardResult,
  Conflict,
  CustomerAction,
  FailureReason,
  PaymentContext,
  RefundRecord,
} from '../machine/context.js'
import { restorePayment } from '../machine/persistence.js'
import { type PaymentState, tagsOf } from '../machine/state.js'
import type { PaymentTag } from '../machine/tags.js'
import type { Money } from '../money/index.js'
import type { StoredPayment } from '../store/records.js'

/** What a merchant asks about a payment, read from its snapshot. */
export interface PaymentStatus {
  readonly paymentRequestId: string
  readonly state: PaymentState
  /** What the state means (`terminal`, `pending`, `awaitingCustomer`...): read these rather than lists of states. */
  readonly tags: ReadonlyArray<PaymentTag>
  readonly version: number
  readonly amount: Money
  readonly paymentId?: string
  readonly paymentSessionId?: string
  readonly merchantReference?: string
  /** The order this payment is an attempt of (see `startAttempt`). */
  readonly order?: AttemptOf
  /** What the gateway told of the card that paid (never its number). */
  readonly card?: CardResult
  readonly authorized?: Money
  readonly captured: Money
  readonly refunded: Money
  /** Captured minus every refund not failed: computed, never stored. */
  readonly refundable: Money
  readonly capture?: CaptureRecord
  readonly refunds: ReadonlyArray<RefundRecord>
  readonly customerAction?: CustomerAction
  readonly failure?: FailureReason
  readonly conflicts: ReadonlyArray<Conflict>
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }

export const statusOf = (stored: StoredPayment): PaymentStatus => {
  const snapshot = restorePayment(stored.snapshot)
  const context: PaymentContext = snapshot.context
  const money = (minor: number): Money => ({ currency: context.amount.currency, minor })
  return {
    paymentRequestId: stored.paymentRequestId,
    state: stored.state,
    tags: tagsOf(snapshot),
    version: stored.version,
    amount: context.amount,
    ...optional('paymentId', stored.paymentId),
    ...optional('paymentSessionId', stored.paymentSessionId),
    ...optional('merchantReference', stored.merchantReference),
    ...optional('order', context.terms.order),
    ...optional('card', context.card),
    ...optional('authorized', context.authorized),
    captured: money(capturedMinor(context)),
    refunded: money(refundedMinor(context)),
    refundable: money(refundableMinor(context)),
    ...optional('capture', context.capture),
    refunds: context.refunds,
    ...optional('customerAction', context.customer.customerAction),
    ...optional('failure', context.failure),
    conflicts: context.conflicts,
  }
}
