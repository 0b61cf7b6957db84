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

export type CustomerAction = NextAction | { readonly kind: 'checkoutPage'; readonly paymentSessionId: string }

export interface CaptureRecord {
  /** Absent for a capture the gateway started itself (automatic capture). */
  readonly captureRequestId?: string
  readonly amount: Money
  readonly status: 'pending' | 'succeeded' | 'failed'
  readonly failure?: { readonly code: string; readonly message?: string }
}

export interface RefundRecord {
  readonly refundRequestId: string
  readonly amount: Money
  readonly status: 'pending' | 'succeeded' | 'failed'
  readonly failure?: { readonly code: string; readonly message?: string }
}

/** The gateway said something that disagrees with what this payment already knows. */
export interface Conflict {
  readonly at: number
  readonly event: PaymentEventType
  readonly kind: 'amount' | 'currency' | 'outcome'
  readonly detail: string
}

/** An event that was recorded but did not move the payment. */
export interface Anomaly {
  readonly at: number
  readonly event: PaymentEventType
  readonly reason: 'ignored' | 'duplicate' | 'rejected'
  readonly detail?: string
}

export type CancelReason = 'merchant' | 'gateway' | 'paymentExpiry' | 'captureDeadline'

export interface ReconcilePolicy {
  readonly firstDelayMs: number
  readonly factor: number
  readonly maxDelayMs: number
}

export interface PaymentInput {
  readonly paymentRequestId: string
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

/**
 * Every key is always present, an absent value being `undefined` (see `withEveryKey`): xstate's `assign` copies the
 * context with `Object.assign`, and a key added to an object this wide turns the copy into a slow dictionary-mode
 * object, which every later read, copy and assign then pays for.
 */
export interface PaymentContext {
  readonly paymentRequestId: string
  readonly merchantReference: string | undefined
  readonly flow: Flow
  readonly paymentMethodType: string | undefined
  readonly captureMode: CaptureMode
  readonly amount: Money
  readonly captureWindowMs: number
  readonly reconcile: ReconcilePolicy
  readonly maxPayAttempts: number
  readonly requestedExpiresAt: number | undefined
  readonly requestDetails: RequestDetails | undefined

  readonly submittedAt: number | undefined
  readonly expiresAt: number | undefined
  readonly paymentId: string | undefined
  readonly paymentSessionId: string | undefined
  readonly customerAction: CustomerAction | undefined
  readonly authorized: Money | undefined
  readonly authorizedAt: number | undefined
  readonly captureDeadlineAt: number | undefined
  readonly capture: CaptureRecord | undefined
  /** How many times the current capture was sent (its first send included). */
  readonly captureAttempts: number
  readonly refunds: ReadonlyArray<RefundRecord>
  readonly verifyRequestId: string | undefined
  readonly otpAttempts: number
  readonly otpError: string | undefined
  readonly payAttempts: number
  /**
   * A pay (or session) request was issued and its answer has not arrived. No inquiry and no cancel is sent meanwhile:
   * one could overtake the pay at the gateway and come back ORDER_NOT_EXIST for a payment about to exist.
   */
  readonly payOutstanding: boolean
  readonly inquiryAttempts: number
  readonly refundInquiryAttempts: number
  readonly commandSeq: number
  readonly failure: FailureReason | undefined
  readonly cancelReason: CancelReason | undefined
  readonly conflicts: ReadonlyArray<Conflict>
  readonly anomalies: ReadonlyArray<Anomaly>
  readonly anomalyCount: number
}
