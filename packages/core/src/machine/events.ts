import type { Money } from '../money/index.js'
import type { GatewayResult } from '../result-codes/index.js'
import type { CardResult } from './context.js'

/** Operations whose answer may never arrive (timeout, reset, retries exhausted). */
export type GatewayOperation =
  | 'pay'
  | 'createPaymentSession'
  | 'verifyAndCompletePayment'
  | 'inquiryPayment'
  | 'capture'
  | 'cancel'
  | 'refund'
  | 'inquiryRefund'

/** What the customer must do after `pay` answered `PAYMENT_IN_PROCESS`. */
export type NextAction =
  | { readonly kind: 'redirect'; readonly url: string }
  | { readonly kind: 'threeDS'; readonly url: string }
  | { readonly kind: 'otp' }

export type PaymentStatusAtGateway = 'SUCCESS' | 'FAIL' | 'PROCESSING' | 'CANCELLED' | 'PENDING'
export type TransactionStatus = 'SUCCESS' | 'FAIL' | 'PROCESSING'
export type TimerName = 'paymentExpiry' | 'captureDeadline' | 'reconcile' | 'refundReconcile' | 'lastLook'

interface At {
  /** Epoch milliseconds at which the event happened; the machine reads no clock. */
  readonly at: number
}

/** Fields the gateway reports about the payment itself, compared against ours. */
interface PaymentFacts {
  readonly paymentId?: string
  readonly amount?: Money
  readonly paymentMethodType?: string
  /** The card's result, when a card paid (never its number). */
  readonly card?: CardResult
}

// Merchant and customer intents.
export interface Submit extends At {
  readonly type: 'SUBMIT'
}
export interface OtpSubmitted extends At {
  readonly type: 'OTP_SUBMITTED'
  readonly verifyRequestId: string
}
export interface CustomerReturned extends At {
  readonly type: 'CUSTOMER_RETURNED'
}
export interface Capture extends At {
  readonly type: 'CAPTURE'
  readonly captureRequestId: string
  /** Defaults to the whole authorized amount. */
  readonly amount?: Money
}
export interface Cancel extends At {
  readonly type: 'CANCEL'
}
/**
 * A draft whose submission was never written is given up (an order's next attempt replaces it): cancelled if it is
 * still a draft, nothing otherwise. Unlike CANCEL, it never cancels a payment whose submission another process wrote
 * meanwhile.
 */
export interface DiscardDraft extends At {
  readonly type: 'DISCARD_DRAFT'
}
/** The merchant has reviewed the open conflicts and takes the payment as it stands: they are resolved. */
export interface AcknowledgeConflicts extends At {
  readonly type: 'ACKNOWLEDGE_CONFLICTS'
}
export interface Refund extends At {
  readonly type: 'REFUND'
  readonly refundRequestId: string
  readonly amount: Money
}

// Gateway answers to commands.
export interface PayAnswered extends At, PaymentFacts {
  readonly type: 'PAY_ANSWERED'
  readonly result: GatewayResult
  readonly nextAction?: NextAction
}
export interface SessionAnswered extends At {
  readonly type: 'SESSION_ANSWERED'
  readonly result: GatewayResult
  readonly paymentSessionId?: string
  /** What the Checkout Page SDK is mounted with (`AMSCheckoutPage`), until the session expires. */
  readonly paymentSessionData?: string
  /** When the session expires (epoch ms): the page can be reopened with the same data until then. */
  readonly paymentSessionExpiresAt?: number
  /** The hosted Checkout Page to send the buyer to, for a merchant who does not mount the SDK. */
  readonly normalUrl?: string
}
export interface VerifyAnswered extends At, PaymentFacts {
  readonly type: 'VERIFY_ANSWERED'
  readonly verifyRequestId: string
  readonly result: GatewayResult
}
export interface InquiryAnswered extends At, PaymentFacts {
  readonly type: 'INQUIRY_ANSWERED'
  readonly result: GatewayResult
  readonly paymentStatus?: PaymentStatusAtGateway
  /** The result code of the payment itself (inquiryPayment's `paymentResultCode`). */
  readonly paymentResultCode?: string
  /** The payment's CAPTURE transaction; `captureRequestId` is its `transactionRequestId`. */
  readonly capture?: { readonly status: TransactionStatus; readonly amount?: Money; readonly captureRequestId?: string }
}
export interface CaptureAnswered extends At {
  readonly type: 'CAPTURE_ANSWERED'
  readonly captureRequestId: string
  readonly result: GatewayResult
  readonly amount?: Money
}
export interface CancelAnswered extends At {
  readonly type: 'CANCEL_ANSWERED'
  readonly result: GatewayResult
}
export interface RefundAnswered extends At {
  readonly type: 'REFUND_ANSWERED'
  readonly refundRequestId: string
  readonly result: GatewayResult
  readonly amount?: Money
}
export interface RefundInquiryAnswered extends At {
  readonly type: 'REFUND_INQUIRY_ANSWERED'
  readonly refundRequestId: string
  readonly result: GatewayResult
  readonly refundStatus?: TransactionStatus
  readonly amount?: Money
}
export interface GatewayUnanswered extends At {
  readonly type: 'GATEWAY_UNANSWERED'
  readonly operation: GatewayOperation
  /** The request id of the operation (verify, capture, refund), to match it to its record. */
  readonly requestId?: string
  /**
   * `unverified`: an answer came, but not one to believe (unsigned, not HTTP 200, undecodable, or naming a page that is
   * not http(s)): whether the gateway acted is as unknown as after a timeout.
   */
  readonly reason: 'timeout' | 'network' | 'retriesExhausted' | 'unverified'
}

// Asynchronous notifications.
export interface PaymentNotified extends At, PaymentFacts {
  readonly type: 'PAYMENT_NOTIFIED'
  readonly notifyType: 'PAYMENT_RESULT' | 'PAYMENT_PENDING'
  readonly result: GatewayResult
}
export interface CaptureNotified extends At {
  readonly type: 'CAPTURE_NOTIFIED'
  readonly captureRequestId?: string
  readonly result: GatewayResult
  readonly amount?: Money
  readonly paymentId?: string
}
export interface RefundNotified extends At {
  readonly type: 'REFUND_NOTIFIED'
  readonly refundRequestId: string
  readonly result: GatewayResult
  readonly amount?: Money
  readonly paymentId?: string
}

// Time.
export interface TimerFired extends At {
  readonly type: 'TIMER_FIRED'
  readonly timer: TimerName
  /** When the timer was due; `at` is later when the relay ran late (a process down, a relay that stopped a while). */
  readonly dueAt?: number
}

export type MerchantEvent =
  | Submit
  | OtpSubmitted
  | CustomerReturned
  | Capture
  | Cancel
  | DiscardDraft
  | Refund
  | AcknowledgeConflicts
export type AnswerEvent =
  | PayAnswered
  | SessionAnswered
  | VerifyAnswered
  | InquiryAnswered
  | CaptureAnswered
  | CancelAnswered
  | RefundAnswered
  | RefundInquiryAnswered
  | GatewayUnanswered
export type NotificationEvent = PaymentNotified | CaptureNotified | RefundNotified

export type PaymentEvent = MerchantEvent | AnswerEvent | NotificationEvent | TimerFired
export type PaymentEventType = PaymentEvent['type']
