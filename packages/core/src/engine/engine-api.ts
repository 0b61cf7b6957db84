import type { Effect, Redacted } from 'effect'
import type { PaymentInput } from '../machine/context.js'
import type { PaymentEvent } from '../machine/events.js'
import type { Money } from '../money/index.js'
import type { PaymentExists, PaymentNotFound, StoreUnavailable } from '../store/errors.js'
import type { EventLogEntry } from '../store/records.js'
import type { IntentRejected, TooManyConflicts } from './errors.js'
import type { PaymentSecrets } from './gateway.js'
import type { Handled, HandleError, HandleOptions } from './handler.js'
import type { InboundEvent, NotificationOptions, NotificationOutcome } from './notifications.js'
import type { RelayOptions, RelayReport } from './relay.js'
import type { PaymentStatus } from './status.js'

export type IntentError = PaymentNotFound | IntentRejected | TooManyConflicts | StoreUnavailable

/** The engine as merchant code sees it: one payment per paymentRequestId; every call returns its status after. */
export interface EngineShape {
  /** Creates the payment, submits it and runs the pay (or createPaymentSession) call with the card data, if any. */
  readonly createPayment: (
    input: PaymentInput,
    secrets?: PaymentSecrets,
  ) => Effect.Effect<PaymentStatus, PaymentExists | IntentError>
  readonly submitOtp: (
    paymentRequestId: string,
    verifyRequestId: string,
    otp: Redacted.Redacted<string>,
  ) => Effect.Effect<PaymentStatus, IntentError>
  /** `captureRequestId` defaults to `<paymentRequestId>-capture`, `amount` to the whole authorization. */
  readonly capture: (
    paymentRequestId: string,
    options?: { readonly captureRequestId?: string; readonly amount?: Money },
  ) => Effect.Effect<PaymentStatus, IntentError>
  readonly cancel: (paymentRequestId: string) => Effect.Effect<PaymentStatus, IntentError>
  /** `refundRequestId` defaults to `<paymentRequestId>-refund-<n>`: pass your own to make a retry safe. */
  readonly refund: (
    paymentRequestId: string,
    options: { readonly refundRequestId?: string; readonly amount: Money },
  ) => Effect.Effect<PaymentStatus, IntentError>
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
  /** The core step, for adapters: one event for one payment, committed, then its commands run. */
  readonly handle: (
    paymentRequestId: string,
    event: PaymentEvent,
    options?: HandleOptions,
  ) => Effect.Effect<Handled, HandleError>
}
