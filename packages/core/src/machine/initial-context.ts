import type { PaymentContext, PaymentInput } from './context.js'
import { DEFAULT_CAPTURE_WINDOW_MS, DEFAULT_MAX_PAY_ATTEMPTS, DEFAULT_RECONCILE_POLICY } from './policy.js'

export const initialContext = (input: PaymentInput): PaymentContext => ({
  paymentRequestId: input.paymentRequestId,
  ...(input.merchantReference === undefined ? {} : { merchantReference: input.merchantReference }),
  flow: input.flow ?? 'pay',
  ...(input.paymentMethodType === undefined ? {} : { paymentMethodType: input.paymentMethodType }),
  captureMode: input.captureMode ?? 'AUTOMATIC',
  amount: input.amount,
  captureWindowMs: input.captureWindowMs ?? DEFAULT_CAPTURE_WINDOW_MS,
  reconcile: input.reconcile ?? DEFAULT_RECONCILE_POLICY,
  maxPayAttempts: input.maxPayAttempts ?? DEFAULT_MAX_PAY_ATTEMPTS,
  ...(input.paymentExpiresAt === undefined ? {} : { requestedExpiresAt: input.paymentExpiresAt }),
  ...(input.requestDetails === undefined ? {} : { requestDetails: input.requestDetails }),
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
