import type { Money } from '../money/index.js'
import type { ActionCategory, ResultStatus } from '../result-codes/index.js'
import type { NextAction, PaymentEventType } from './events.js'

export type Flow = 'pay' | 'checkoutSession'

/** JSON the machine carries for the gateway adapter without reading it. */
export type RequestDetails = { readonly [field: string]: unknown }
export type CaptureMode = 'AUTOMATIC' | 'MANUAL'

/** Why a payment failed, as the gateway said it (or as the transport left it). */
export interface FailureReason {
  readonly code: string
  readonly status: ResultStatus
  readonly category: ActionCategory
  readonly message?: string
  readonly source: 'pay' | 'createPaymentSession' | 'verifyAndCompletePayment' | 'inquiryPayment' | 'notifyPayment'
}

/**
 * What the gateway told of the card that paid: for fraud review, dispute evidence and later merchant-initiated payments.
 * Never the card number (a BIN and the last four at most), never the CVV, the expiry or the holder's name.
 */
export interface CardResult {
  readonly brand?: string
  readonly bin?: string
  readonly lastFour?: string
  readonly issuingCountry?: string
  readonly issuerName?: string
  /** CREDIT, DEBIT, PREPAID... */
  readonly funding?: string
  /** CONSUMER, COMMERCIAL... */
  readonly category?: string
  /** The same card paid under another token or number has the same fingerprint: for fraud review. */
  readonly fingerprint?: string
  /** The issuer's raw AVS and CVV result codes. */
  readonly avsResult?: string
  readonly cvvResult?: string
  readonly networkTransactionId?: string
  readonly threeDS?: {
    readonly version?: string
    readonly eci?: string
    readonly type?: string
    /** Whether 3-D Secure was offered to the buyer. */
    readonly offered?: boolean
  }
  /** The vaulted card, to pay again with (`paymentMethodId`). */
  readonly cardToken?: string
  readonly acquirer?: { readonly name?: string; readonly transactionId?: string; readonly resultCode?: string }
}

/** The embedded Checkout Page: what the merchant's page mounts the SDK with, or the hosted page to send the buyer to. */
export interface CheckoutPageAction {
  readonly kind: 'checkoutPage'
  readonly paymentSessionId: string
  /** For `AMSCheckoutPage`; it can be mounted again (after SDK_PAYMENT_CANCEL) until `expiresAt`. */
  readonly paymentSessionData?: string
  readonly expiresAt?: number
  /** The hosted page (the session's normalUrl). */
  readonly url?: string
}

export type CustomerAction = NextAction | CheckoutPageAction

export interface CaptureRecord {
  /** Absent for a capture the gateway started itself (automatic capture). */
  readonly captureRequestId?: string
  readonly amount: Money
  readonly status: 'pending' | 'succeeded' | 'failed'
  readonly failure?: { readonly code: string; readonly message?: string }
  /** When it was given up after sends the gateway showed no trace of: one may still land, watched until a while on. */
  readonly givenUpAt?: number
}

export interface RefundRecord {
  readonly refundRequestId: string
  readonly amount: Money
  readonly status: 'pending' | 'succeeded' | 'failed'
  readonly failure?: { readonly code: string; readonly message?: string }
  /** How many times the refund was sent (its first send included); absent in records older than the count: 1. */
  readonly sends?: number
  /** When it was given up after sends the gateway showed no trace of: one may still land, watched until a while on. */
  readonly givenUpAt?: number
  /** `external`: made outside this engine (in the gateway's dashboard), learnt from its notification. */
  readonly origin?: 'external'
  /** When it was asked for, or, for an external refund, when its notification arrived. */
  readonly at?: number
}

/** What a conflict is about: the payment itself, its capture, or one of its refunds. */
export type ConflictSubject = 'payment' | 'capture' | 'refund'

/**
 * The gateway said something that disagrees with what this payment already knows. It is recorded and published, and
 * the report is not applied: the payment holds where it is until an inquiry that agrees resolves it.
 */
export interface Conflict {
  readonly at: number
  readonly event: PaymentEventType
  readonly kind: 'amount' | 'currency' | 'paymentId' | 'outcome' | 'refundExceedsCaptured'
  readonly subject: ConflictSubject
  /** The refund a refund conflict is about. */
  readonly refundRequestId?: string
  /** What this payment holds, in words. */
  readonly expected: string
  /** What the gateway reported, in words. */
  readonly reported: string
  readonly detail: string
  /** When an inquiry whose facts agree with this payment's resolved it, or the merchant acknowledged it. */
  readonly resolvedAt?: number
  readonly resolvedBy?: 'inquiry' | 'merchant'
}

/** Why the machine refused a merchant intent. */
export type RefusalCode =
  | 'notAllowed'
  | 'exceedsAuthorized'
  | 'exceedsRefundable'
  | 'currencyMismatch'
  | 'invalidAmount'
  | 'requestIdReused'
  | 'alreadyCaptured'

export interface Refusal {
  readonly code: RefusalCode
  /** In words a merchant's engineer can act on. */
  readonly detail: string
}

/** An event that was recorded but did not move the payment. */
export interface Anomaly {
  readonly at: number
  readonly event: PaymentEventType
  /** `deferred`: a notification that cannot be taken yet (a refund of a payment not known captured): not committed. */
  readonly reason: 'ignored' | 'duplicate' | 'rejected' | 'deferred'
  readonly detail?: string
  /** For a refused merchant intent: why. */
  readonly refusal?: Refusal
}

/**
 * Why a payment was cancelled. `draftReplaced`: a draft never submitted, given up by the order for another start's
 * input (see `startAttempt`); nothing of it was sent.
 */
export type CancelReason = 'merchant' | 'gateway' | 'paymentExpiry' | 'captureDeadline' | 'draftReplaced'

export interface ReconcilePolicy {
  readonly firstDelayMs: number
  readonly factor: number
  readonly maxDelayMs: number
}

/** Which order a payment is an attempt of, and which attempt (from 1). Set by `startAttempt`. */
export interface AttemptOf {
  readonly orderReference: string
  readonly attempt: number
}

export interface PaymentInput {
  readonly paymentRequestId: string
  readonly order?: AttemptOf
  readonly amount: Money
  readonly flow?: Flow
  /** Antom's paymentMethodType (CARD, GOOGLEPAY, ALIPAY_CN, BANKTRANSFER_..., ...); unknown for a session until paid. */
  readonly paymentMethodType?: string
  readonly captureMode?: CaptureMode
  readonly merchantReference?: string
  /** Absolute payment expiry (epoch ms), when the merchant sets one; otherwise the gateway's default applies. */
  readonly paymentExpiresAt?: number
  readonly captureWindowMs?: number
  readonly reconcile?: ReconcilePolicy
  readonly maxPayAttempts?: number
  /**
   * The rest of the gateway request, as the merchant gives it (order, env, redirect and notify URLs, settlement,
   * the payment method without card data). Never card data: that travels beside the pay command, in memory.
   */
  readonly requestDetails?: RequestDetails
}

/** What the merchant set when creating the payment: it never changes. */
export interface PaymentTerms {
  readonly merchantReference?: string
  readonly order?: AttemptOf
  readonly flow: Flow
  readonly captureMode: CaptureMode
  readonly captureWindowMs: number
  readonly reconcile: ReconcilePolicy
  readonly maxPayAttempts: number
  /** The merchant's own expiry (epoch ms), sent as paymentExpiryTime. */
  readonly requestedExpiresAt?: number
  readonly requestDetails?: RequestDetails
}

/** How many times things happened: the bounds on retries read these. */
export interface PaymentCounts {
  readonly payAttempts: number
  readonly otpAttempts: number
  /** How many times the current capture was sent (its first send included). */
  readonly captureAttempts: number
  /** How many captures the merchant asked for (a failed one may be followed by another, under a new request id). */
  readonly capturesRequested: number
  readonly inquiryAttempts: number
  readonly refundInquiryAttempts: number
  /** Numbers the commands the machine issues: the outbox key. */
  readonly commandSeq: number
  readonly anomalyCount: number
}

/** What the buyer is asked to do, and what came of it. */
export interface CustomerFacts {
  readonly customerAction?: CustomerAction
  readonly paymentSessionId?: string
  readonly verifyRequestId?: string
  readonly otpError?: string
}

/** When the payment was sent, when it expires, when it was authorized and until when it can be captured (epoch ms). */
export interface PaymentTimes {
  readonly submittedAt?: number
  readonly expiresAt?: number
  readonly authorizedAt?: number
  readonly captureDeadlineAt?: number
}

/** Calls whose answer has not come back yet. */
export interface CallsInFlight {
  /**
   * A pay (or session) request was issued and its answer has not arrived. No inquiry and no cancel is sent meanwhile:
   * one could overtake the pay at the gateway and come back ORDER_NOT_EXIST for a payment about to exist.
   */
  readonly payOutstanding: boolean
  /** When the latest inquiryPayment was issued, and whether its answer (or its absence) has come back. */
  readonly inquirySentAt?: number
  readonly inquiryOutstanding: boolean
  /** The latest last look (see `LAST_LOOK_AFTER_WATCH_MS`) or watch's end: what it asked the gateway about, and when. */
  readonly lastLook?: LastLookAsked
}

/**
 * A last look's inquiries, or a watch's at its end. One that goes unanswered is asked again at the reconcile backoff
 * (`askAgain`) until one is answered: nothing else would tell of a send that landed after its watch (or inside it, every
 * look since lost), its notification lost; not for a day, or never.
 */
export interface LastLookAsked {
  readonly askedAt: number
  /** The payment was asked about: for a pay that may have landed after it closed, or a capture given up. */
  readonly payment: boolean
  /** The refunds given up that were asked about. */
  readonly refundRequestIds: ReadonlyArray<string>
  /** How many of its inquiries, and of those asked again, went unanswered. */
  readonly unanswered: number
  /** An inquiry went unanswered: the look is made again when the `lastLook` timer fires. */
  readonly askAgain: boolean
}

export interface Cancellation {
  /** Absent until the payment is being cancelled. */
  readonly reason?: CancelReason
  /** The gateway answered the cancel S: it released whatever it had authorized. */
  readonly confirmed: boolean
  /**
   * When the payment closed because the gateway answered ORDER_NOT_EXIST. A pay sent earlier, whose answer never
   * came, can still land after that answer (a slow network, another process's send): its success is then cancelled.
   */
  readonly notFoundAt?: number
  /** When the cancel of such a late success was first sent; it is sent again until the gateway answers it. */
  readonly lateSuccessAt?: number
  /**
   * `refused`: the gateway refused that cancel. ORDER_STATUS_INVALID says the payment is no longer cancellable:
   * captured already, or closed after all (expired, failed); inquiries tell which. `kept`: it was captured; the
   * capture is recorded and refunded in full (see `reverseLateSuccess`), and the merchant was told.
   */
  readonly lateCancel?: 'refused' | 'kept'
  /**
   * When the gateway refused the cancel of a payment it had authorized (ORDER_STATUS_INVALID: captured already, by a
   * capture given up that landed; or past its window). The payment is back where it was, its status asked for; a
   * cancel for the capture deadline is not sent again, so the deadline is not armed again.
   */
  readonly refusedAt?: number
}

/**
 * What the machine knows of one payment; an optional key is absent until the payment learns it. Grouped by meaning,
 * a few keys at the top.
 */
export interface PaymentContext {
  readonly paymentRequestId: string
  readonly amount: Money
  readonly terms: PaymentTerms
  readonly counts: PaymentCounts
  readonly customer: CustomerFacts
  readonly times: PaymentTimes
  readonly inFlight: CallsInFlight
  readonly cancel: Cancellation
  /** Known from the merchant's input, or learnt from the gateway once paid. */
  readonly paymentMethodType?: string
  /** What the gateway told of the card: the one that paid, or the one it declined (with the issuer's AVS and CVV). */
  readonly card?: CardResult
  readonly paymentId?: string
  /** Where `paymentId` came from: an answer to our own call is the gateway's word; a notification's is provisional. */
  readonly paymentIdFrom?: 'answer' | 'notification'
  readonly authorized?: Money
  readonly capture?: CaptureRecord
  /** Captures that failed before the current one: their request ids stay taken. */
  readonly earlierCaptures: ReadonlyArray<CaptureRecord>
  /** `readyToShip` was published: it is withheld while a conflict is open, and published once. */
  readonly toldReadyToShip: boolean
  readonly refunds: ReadonlyArray<RefundRecord>
  readonly failure?: FailureReason
  readonly conflicts: ReadonlyArray<Conflict>
  readonly anomalies: ReadonlyArray<Anomaly>
}
