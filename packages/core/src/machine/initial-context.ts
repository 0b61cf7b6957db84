import type { PaymentContext, PaymentInput } from './context.js'
import { DEFAULT_CAPTURE_WINDOW_MS, DEFAULT_MAX_PAY_ATTEMPTS, DEFAULT_RECONCILE_POLICY } from './policy.js'

const present = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }

export const initialContext = (input: PaymentInput): PaymentContext => ({
  paymentRequestId: input.paymentRequestId,
  amount: input.amount,
  terms: {
    ...present('merchantReference', input.merchantReference),
    ...present('order', input.order),
    flow: input.flow ?? 'pay',
    captureMode: input.captureMode ?? 'AUTOMATIC',
    captureWindowMs: input.captureWindowMs ?? DEFAULT_CAPTURE_WINDOW_MS,
    reconcile: input.reconcile ?? DEFAULT_RECONCILE_POLICY,
    maxPayAttempts: input.maxPayAttempts ?? DEFAULT_MAX_PAY_ATTEMPTS,
    ...present('requestedExpiresAt', input.paymentExpiresAt),
    ...present('requestDetails', input.requestDetails),
  },
  counts: {
    payAttempts: 0,
    otpAttempts: 0,
    captureAttempts: 0,
    capturesRequested: 0,
    inquiryAttempts: 0,
    refundInquiryAttempts: 0,
    commandSeq: 0,
    anomalyCount: 0,
  },
  customer: {},
  times: {},
  inFlight: { payOutstanding: false, inquiryOutstanding: false },
  cancel: { confirmed: false },
  ...present('paymentMethodType', input.paymentMethodType),
  earlierCaptures: [],
  toldReadyToShip: false,
  refunds: [],
  conflicts: [],
  anomalies: [],
})

type Flat = { readonly [key: string]: unknown }

const pick = (flat: Flat, keys: ReadonlyArray<string>): Flat =>
  Object.fromEntries(keys.filter((key) => flat[key] !== undefined).map((key) => [key, flat[key]]))

/**
 * A context stored by an earlier version, whose keys were all at the top (some added later still absent), in the
 * layout this version reads.
 */
const fromFlat = (flat: Flat): PaymentContext => {
  const known = new Set<string>()
  const take = (keys: ReadonlyArray<string>) => {
    for (const key of keys) known.add(key)
    return pick(flat, keys)
  }
  const terms = take(['merchantReference', 'flow', 'captureMode', 'captureWindowMs', 'reconcile', 'maxPayAttempts'])
  const expiry = take(['requestedExpiresAt', 'requestDetails'])
  const counts = take([
    'payAttempts',
    'otpAttempts',
    'captureAttempts',
    'capturesRequested',
    'inquiryAttempts',
    'refundInquiryAttempts',
    'commandSeq',
    'anomalyCount',
  ])
  const customer = take(['customerAction', 'paymentSessionId', 'verifyRequestId', 'otpError'])
  const times = take(['submittedAt', 'expiresAt', 'authorizedAt', 'captureDeadlineAt'])
  const inFlight = take(['payOutstanding', 'inquirySentAt', 'inquiryOutstanding'])
  const cancel = take(['cancelReason', 'cancelConfirmed'])
  const rest = Object.fromEntries(Object.entries(flat).filter(([key]) => !known.has(key)))
  return {
    earlierCaptures: [],
    toldReadyToShip: false,
    ...rest,
    terms: { ...terms, ...expiry },
    counts: { capturesRequested: 0, ...counts },
    customer,
    times,
    inFlight: { inquiryOutstanding: false, ...inFlight },
    cancel: {
      ...(cancel.cancelReason === undefined ? {} : { reason: cancel.cancelReason }),
      confirmed: cancel.cancelConfirmed === true,
    },
  } as unknown as PaymentContext
}

/**
 * Releases 0.1.x recorded a refund made outside the engine with its inquiry's number in a `commandSeq` beside
 * `counts`, not in it: the next command took the inquiry's commandId again. Read back, the number goes where it
 * belongs, so the next command is numbered after both.
 */
const withStrayCommandSeq = (context: PaymentContext): PaymentContext => {
  const { commandSeq: stray, ...rest } = context as unknown as Flat
  if (typeof stray !== 'number') return context
  const counts = { ...context.counts, commandSeq: Math.max(context.counts.commandSeq, stray) }
  return { ...(rest as unknown as PaymentContext), counts }
}

/** A stored context as this version of the machine reads it. */
export const upgradeStoredContext = (stored: PaymentContext): PaymentContext =>
  'terms' in stored ? withStrayCommandSeq(stored) : fromFlat(stored as unknown as Flat)
