import type { PaymentContext, PaymentInput } from './context.js'
import { DEFAULT_CAPTURE_WINDOW_MS, DEFAULT_MAX_PAY_ATTEMPTS, DEFAULT_RECONCILE_POLICY } from './policy.js'

type OptionalKey = {
  [K in keyof PaymentContext]-?: undefined extends PaymentContext[K] ? K : never
}[keyof PaymentContext]

/** The context's optional keys, each present and `undefined`: the typecheck fails when one is missing here. */
const ABSENT: { readonly [K in OptionalKey]: undefined } = Object.freeze({
  merchantReference: undefined,
  paymentMethodType: undefined,
  requestedExpiresAt: undefined,
  requestDetails: undefined,
  submittedAt: undefined,
  expiresAt: undefined,
  paymentId: undefined,
  paymentIdFrom: undefined,
  paymentSessionId: undefined,
  customerAction: undefined,
  authorized: undefined,
  authorizedAt: undefined,
  captureDeadlineAt: undefined,
  capture: undefined,
  verifyRequestId: undefined,
  otpError: undefined,
  inquirySentAt: undefined,
  failure: undefined,
  cancelReason: undefined,
})

/** Keys added after payments were first stored: a snapshot written before them reads as these. */
const ADDED_LATER = Object.freeze({
  capturesRequested: 0,
  earlierCaptures: [],
  toldReadyToShip: false,
  inquiryOutstanding: false,
  cancelConfirmed: false,
})

/**
 * The context with every key present, in one order: what `initialContext` builds and what a restored snapshot is
 * given, since a store's JSON drops the keys whose value is `undefined`.
 */
export const withEveryKey = (context: PaymentContext): PaymentContext => ({ ...ABSENT, ...ADDED_LATER, ...context })

export const initialContext = (input: PaymentInput): PaymentContext => ({
  ...ABSENT,
  ...ADDED_LATER,
  paymentRequestId: input.paymentRequestId,
  merchantReference: input.merchantReference,
  flow: input.flow ?? 'pay',
  paymentMethodType: input.paymentMethodType,
  captureMode: input.captureMode ?? 'AUTOMATIC',
  amount: input.amount,
  captureWindowMs: input.captureWindowMs ?? DEFAULT_CAPTURE_WINDOW_MS,
  reconcile: input.reconcile ?? DEFAULT_RECONCILE_POLICY,
  maxPayAttempts: input.maxPayAttempts ?? DEFAULT_MAX_PAY_ATTEMPTS,
  requestedExpiresAt: input.paymentExpiresAt,
  requestDetails: input.requestDetails,
  refunds: [],
  otpAttempts: 0,
  payAttempts: 0,
  payOutstanding: false,
  captureAttempts: 0,
  inquiryAttempts: 0,
  refundInquiryAttempts: 0,
  commandSeq: 0,
  conflicts: [],
  anomalies: [],
  anomalyCount: 0,
})

/** The context of no payment: what xstate's `transition()` gets when it builds a throwaway actor without input. */
export const INERT_CONTEXT: PaymentContext = initialContext({
  paymentRequestId: '',
  amount: { currency: 'USD', minor: 0 },
})
