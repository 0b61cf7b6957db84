import type { PaymentContext, PaymentInput } from './context.js'
import { DEFAULT_CAPTURE_WINDOW_MS, DEFAULT_MAX_PAY_ATTEMPTS, DEFAULT_RECONCILE_POLICY } from './policy.js'

/** Keys added after payments were first stored: a context stored before them reads as these. */
const ADDED_LATER: Pick<
  PaymentContext,
  'capturesRequested' | 'earlierCaptures' | 'toldReadyToShip' | 'inquiryOutstanding' | 'cancelConfirmed'
> = Object.freeze({
  capturesRequested: 0,
  earlierCaptures: [],
  toldReadyToShip: false,
  inquiryOutstanding: false,
  cancelConfirmed: false,
})

/** A stored context as this version of the machine reads it: the keys added since it was written take their defaults. */
export const upgradeStoredContext = (stored: PaymentContext): PaymentContext => ({ ...ADDED_LATER, ...stored })

const present = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }

export const initialContext = (input: PaymentInput): PaymentContext => ({
  ...ADDED_LATER,
  paymentRequestId: input.paymentRequestId,
  ...present('merchantReference', input.merchantReference),
  flow: input.flow ?? 'pay',
  ...present('paymentMethodType', input.paymentMethodType),
  captureMode: input.captureMode ?? 'AUTOMATIC',
  amount: input.amount,
  captureWindowMs: input.captureWindowMs ?? DEFAULT_CAPTURE_WINDOW_MS,
  reconcile: input.reconcile ?? DEFAULT_RECONCILE_POLICY,
  maxPayAttempts: input.maxPayAttempts ?? DEFAULT_MAX_PAY_ATTEMPTS,
  ...present('requestedExpiresAt', input.paymentExpiresAt),
  ...present('requestDetails', input.requestDetails),
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
