import type { Money } from '@paychart/core'
import type { CardFacts } from './cards.js'
import type { ExternalRefund } from './external-refunds.js'
import type { CallFaultEntry } from './faults.js'
import type { IdempotencyEntry } from './idempotency.js'
import type { NotificationFaultEntry } from './notification-faults.js'
import type { NotificationRecord } from './notifications.js'
import type { SimConfig } from './options.js'
import type { Tampered } from './tamper.js'
import type { ResponseBody, SimEndpoint } from './types.js'

/**
 * Where a payment is. `pending` waits for the customer (3DS, wallet, OTP) or for the gateway; `authorized` holds
 * funds until capture (CARD, GOOGLEPAY, PAYPAL); `captured` is paid (for other methods, paid with the payment).
 */
export type PaymentStatus = 'pending' | 'authorized' | 'captured' | 'failed' | 'cancelled'

/** The customer step a pending payment waits for. */
export type CustomerStep = 'threeDs' | 'wallet' | 'otp' | 'gateway'

export interface CaptureRecord {
  readonly captureId: string
  readonly captureRequestId: string
  readonly amount: Money
  readonly at: number
  readonly automatic: boolean
}

export interface OtpState {
  readonly issuedAt: number
  wrongAttempts: number
}

export interface PaymentRecord {
  readonly paymentId: string
  readonly paymentRequestId: string
  readonly amount: Money
  readonly paymentMethodType: string
  readonly captureMode: 'AUTOMATIC' | 'MANUAL'
  readonly createdAt: number
  readonly expiresAt: number
  readonly card: CardFacts | undefined
  readonly redirectUrl: string | undefined
  readonly notifyUrl: string | undefined
  readonly sessionId: string | undefined
  readonly otp: OtpState | undefined
  step: CustomerStep | undefined
  status: PaymentStatus
  /** The payment's result code as inquiryPayment reports it (paymentResultCode). */
  resultCode: string
  /** Why a failed payment failed, when it was not its result: it expired. */
  expired: boolean
  paidAt: number | undefined
  closedAt: number | undefined
  autoCaptureAt: number | undefined
  capture: CaptureRecord | undefined
  /** Paid amount: the capture for separately captured methods, the whole amount for the others. */
  captured: Money | undefined
  readonly refundIds: Array<string>
}

export type SessionStatus = 'open' | 'submitted' | 'expired' | 'cancelled'

export interface SessionRecord {
  readonly paymentSessionId: string
  readonly paymentRequestId: string
  readonly amount: Money
  readonly captureMode: 'AUTOMATIC' | 'MANUAL'
  readonly createdAt: number
  readonly expiresAt: number
  readonly redirectUrl: string | undefined
  readonly notifyUrl: string | undefined
  status: SessionStatus
  paymentId: string | undefined
}

export interface RefundRecord {
  readonly refundId: string
  readonly refundRequestId: string
  readonly paymentId: string
  readonly paymentRequestId: string
  readonly amount: Money
  readonly at: number
  readonly status: 'SUCCESS'
}

/** The request ids a call carried (never its other fields: no card data, no OTP). */
export interface CallIds {
  readonly paymentRequestId?: string
  readonly paymentId?: string
  readonly paymentSessionId?: string
  readonly captureRequestId?: string
  readonly refundRequestId?: string
  readonly refundId?: string
  readonly verifyRequestId?: string
}

export interface CallRecord {
  readonly seq: number
  readonly at: number
  readonly endpoint: SimEndpoint | string
  readonly ids: CallIds
  /** The payment the call was about, when the simulator knows it (resolved from paymentId if need be). */
  readonly paymentRequestId: string | undefined
  /** The answer's result, absent when no answer was given. */
  readonly result: { readonly resultStatus: string; readonly resultCode: string } | undefined
  /** The injected fault, if any. */
  readonly fault: string | undefined
  /** Whether the gateway acted on the call (false for faults that stop it before, and for rejected calls). */
  readonly acted: boolean
  /** Whether the answer was the stored answer of an earlier call with the same request id. */
  readonly replayed: boolean
  /** What a tamper fault altered in the signed answer; absent when nothing was. */
  readonly tampered?: Tampered
}

export interface SimState {
  readonly payments: Map<string, PaymentRecord>
  readonly paymentRequestIdById: Map<string, string>
  readonly sessions: Map<string, SessionRecord>
  readonly sessionIdByRequestId: Map<string, string>
  readonly refunds: Map<string, RefundRecord>
  readonly refundIdByRequestId: Map<string, string>
  /** Refunds made in the dashboard, in order (each also in `refunds`). */
  readonly externalRefunds: Array<ExternalRefund>
  readonly idempotency: Map<string, IdempotencyEntry>
  readonly calls: Array<CallRecord>
  readonly outbox: Map<string, NotificationRecord>
  readonly callFaults: Array<CallFaultEntry>
  readonly notificationFaults: Array<NotificationFaultEntry>
  sequence: number
}

export const createState = (): SimState => ({
  payments: new Map(),
  paymentRequestIdById: new Map(),
  sessions: new Map(),
  sessionIdByRequestId: new Map(),
  refunds: new Map(),
  refundIdByRequestId: new Map(),
  externalRefunds: [],
  idempotency: new Map(),
  calls: [],
  outbox: new Map(),
  callFaults: [],
  notificationFaults: [],
  sequence: 0,
})

/** What every step of the simulator works with: the state, the configuration and the time of the step. */
export interface Ctx {
  readonly state: SimState
  readonly config: SimConfig
  readonly now: number
}

/** What a handler answers: the body, and whether it was a replay of a stored answer. */
export interface HandlerAnswer {
  readonly body: ResponseBody
  readonly replayed?: boolean
}

export const nextSequence = (state: SimState): number => {
  state.sequence += 1
  return state.sequence
}

export const paymentById = (state: SimState, paymentId: string): PaymentRecord | undefined => {
  const requestId = state.paymentRequestIdById.get(paymentId)
  return requestId === undefined ? undefined : state.payments.get(requestId)
}

export const registerPayment = (state: SimState, payment: PaymentRecord): void => {
  state.payments.set(payment.paymentRequestId, payment)
  state.paymentRequestIdById.set(payment.paymentId, payment.paymentRequestId)
}
