import type { Effect, Redacted } from 'effect'
import type { PaymentInput, RefundRecord } from '../machine/context.js'
import type { Money } from '../money/index.js'
import type { OrderAttemptRefused } from '../order/errors.js'
import type { OrderStatus } from '../order/order-status.js'
import type { Backlog } from '../store/backlog.js'
import type { PaymentExists, PaymentNotFound, StoreUnavailable } from '../store/errors.js'
import type { EventLogEntry } from '../store/records.js'
import type { PruneReport } from '../store/retention.js'
import type { IntentRejected, PaymentInputInvalid, RequestIdReused, TooManyConflicts } from './errors.js'
import type { PaymentSecrets } from './gateway.js'
import type { EventSource, Handled, HandleError, HandleOptions } from './handler.js'
import type { InboundEvent, NotificationOptions, NotificationOutcome } from './notifications.js'
import type { RelayOptions, RelayReport } from './relay.js'
import type { RetentionInvalid, RetentionOptions } from './retention.js'
import type { PaymentStatus } from './status.js'

/** A payment of an order, as the merchant gives it: its paymentRequestId is the order's to choose. */
export type AttemptInput = Omit<PaymentInput, 'paymentRequestId' | 'order'>

export interface AttemptOptions {
  /**
   * The buyer chose another way to pay while an attempt is open: it is cancelled first (the gateway allows a cancel
   * while the payment is processing). If it cannot be (it was paid meanwhile, or the cancel's outcome is not known),
   * no attempt starts.
   */
  readonly replaceOpen?: boolean
}

export type IntentError = PaymentNotFound | IntentRejected | RequestIdReused | TooManyConflicts | StoreUnavailable

/** A refund asked: the payment after it, and the refund itself as it stands (new, or the same one asked before). */
export type RefundResult = PaymentStatus & { readonly refund: RefundRecord }

/** The engine as merchant code sees it: one payment per paymentRequestId; every call returns its status after. */
export interface EngineShape {
  /**
   * Creates the payment, submits it and runs the pay (or createPaymentSession) call with the card data, if any. An
   * input the gateway would refuse, or whose capture mode disagrees with its requestDetails, is PaymentInputInvalid.
   * Safe to call again after a failure (`StoreUnavailable`, a crash): a payment this same input created whose
   * submission was never written is submitted now; one that went further, or was made of another input, is
   * `PaymentExists`.
   */
  readonly createPayment: (
    input: PaymentInput,
    secrets?: PaymentSecrets,
  ) => Effect.Effect<PaymentStatus, PaymentInputInvalid | PaymentExists | IntentError>
  /**
   * Starts the next attempt of the order `orderReference` (the first, or one after every earlier attempt closed
   * without the buyer's money), under paymentRequestId `<orderReference>-attempt-<n>`. Refused with
   * `OrderAttemptRefused` while an attempt may still succeed, once one is paid, and after `maxOrderAttempts`. After
   * AUTHENTICATION_REQUIRED the next attempt asks for 3D Secure. Safe to call again after a failure: an attempt
   * created but never submitted is submitted by the same input (see `createPayment`), and cancelled (never sent) for
   * another input, whose attempt then starts. Several starts of one attempt at once make and send it once; each
   * answers it, or is refused as open.
   */
  readonly startAttempt: (
    orderReference: string,
    input: AttemptInput,
    secrets?: PaymentSecrets,
    options?: AttemptOptions,
  ) => Effect.Effect<PaymentStatus, OrderAttemptRefused | PaymentInputInvalid | IntentError>
  /** The order `orderReference`, read from its attempts. */
  readonly order: (orderReference: string) => Effect.Effect<OrderStatus, StoreUnavailable>
  readonly submitOtp: (
    paymentRequestId: string,
    verifyRequestId: string,
    otp: Redacted.Redacted<string>,
  ) => Effect.Effect<PaymentStatus, IntentError>
  /**
   * `amount` defaults to the whole authorization. `captureRequestId` defaults to the capture's own: the one in
   * progress or done (asking again is the same capture; another amount fails with `RequestIdReused`), else
   * `<paymentRequestId>-capture`, or a new one after a failed capture.
   */
  readonly capture: (
    paymentRequestId: string,
    options?: { readonly captureRequestId?: string; readonly amount?: Money },
  ) => Effect.Effect<PaymentStatus, IntentError>
  readonly cancel: (paymentRequestId: string) => Effect.Effect<PaymentStatus, IntentError>
  /**
   * Without `refundRequestId`, a new refund under `<paymentRequestId>-refund-<n>` (allocated from the payment as it
   * is committed: two refunds asked at once are two refunds). Pass your own id to make a retry safe: the same id and
   * amount is the same refund, the same id with another amount fails with `RequestIdReused`.
   */
  readonly refund: (
    paymentRequestId: string,
    options: { readonly refundRequestId?: string; readonly amount: Money },
  ) => Effect.Effect<RefundResult, IntentError>
  /**
   * The merchant has reviewed the payment's open conflicts (see `PaymentStatus.conflicts`) and takes it as it stands:
   * they are resolved, and the gateway's reports apply again. Without open conflicts it fails with `IntentRejected`.
   */
  readonly acknowledgeConflicts: (paymentRequestId: string) => Effect.Effect<PaymentStatus, IntentError>
  /** The customer came back from a redirect or a 3DS challenge: the engine inquires at once. */
  readonly customerReturned: (paymentRequestId: string) => Effect.Effect<PaymentStatus, IntentError>
  readonly status: (paymentRequestId: string) => Effect.Effect<PaymentStatus, PaymentNotFound | StoreUnavailable>
  readonly handleNotification: (
    event: InboundEvent,
    options: NotificationOptions,
  ) => Effect.Effect<NotificationOutcome, HandleError>
  /** One relay pass: committed commands nobody runs, and due timers. Call it on a schedule. */
  readonly runRelay: (options: RelayOptions) => Effect.Effect<RelayReport, StoreUnavailable>
  readonly timeline: (paymentRequestId: string) => Effect.Effect<ReadonlyArray<EventLogEntry>, StoreUnavailable>
  /**
   * Retention: removes done outbox items and notification keys older than `retention` keeps them (7 days each by
   * default; keys at least the gateway's 24.4-hour retry window) and, only when asked, the event logs of final
   * payments. Never a payment, its snapshot, a timer or pending work. Run it now and then (daily, say).
   */
  readonly prune: (retention?: RetentionOptions) => Effect.Effect<PruneReport, RetentionInvalid | StoreUnavailable>
  /**
   * What waits, from the store (see `Backlog`): payments by state, work not done, timers overdue, and payments whose
   * outcome is unknown (`UNKNOWN_OUTCOME_STATES`) with the oldest of each. Reads only; for health checks and dashboards.
   */
  readonly backlog: () => Effect.Effect<Backlog, StoreUnavailable>
  /** The core step, for adapters: one event for one payment, committed, then its commands run. */
  readonly handle: (
    paymentRequestId: string,
    event: EventSource,
    options?: HandleOptions,
  ) => Effect.Effect<Handled, HandleError>
}
