import type { PaymentInput, PaymentState } from '@paychart/core'
import type { PaymentSpec } from '../arbitraries/index.js'

/**
 * What the model knows about one payment: only what the merchant and the buyer did and what they may expect from
 * it, never the engine's own bookkeeping. It does not know the machine's states beyond the few it predicts.
 */
export interface ModelPayment {
  readonly id: string
  readonly spec: PaymentSpec
  readonly input: PaymentInput
  /** Every request id the merchant chose for an operation on this payment, by kind. */
  readonly captureIds: Set<string>
  readonly refundIds: Map<string, number>
  readonly verifyIds: Set<string>
  /** Every refund the merchant asked for (each request id once), in minor units: nothing can refund more. */
  askedRefunds: number
  /** The first terminal state the store showed for it: it must never show another. */
  terminal: PaymentState | undefined
  /** What the buyer did on the gateway's pages, if anything. */
  buyer: 'none' | 'passed' | 'failed' | 'abandoned'
  wrongOtps: number
}

export interface Model {
  readonly payments: Array<ModelPayment>
  nextPayment: number
  nextOperation: number
  crashes: number
  /** Call faults queued on the simulator and not yet seen in its call log. */
  faultsQueued: number
}

export const emptyModel = (): Model => ({
  payments: [],
  nextPayment: 1,
  nextOperation: 1,
  crashes: 0,
  faultsQueued: 0,
})

/** The payment the `index`-th choice points at (choices are generated before the payments exist). */
export const pick = (model: Model, index: number): ModelPayment | undefined =>
  model.payments.length === 0 ? undefined : model.payments[index % model.payments.length]

export const operationId = (model: Model, payment: ModelPayment, kind: string): string =>
  `${payment.id}-${kind}-${model.nextOperation++}`

/** States in which the model does not know what the gateway thinks yet. */
export const UNSETTLED: ReadonlySet<PaymentState> = new Set([
  'draft',
  'submitting',
  'awaitingCustomer',
  'awaitingOtp',
  'verifyingOtp',
  'reconciling',
  'expiring',
  'capturing',
  'cancelling',
])
