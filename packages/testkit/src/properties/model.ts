import type { PaymentInput, PaymentState } from '@paychart/core'
import type { PaymentSpec } from '../arbitraries/index.js'

/** A capture or refund the engine answered as taken: the merchant was told it goes to the gateway. */
export interface AcceptedIntent {
  readonly kind: 'capture' | 'refund'
  readonly requestId: string
  /** What the merchant asked for, in minor units. */
  readonly minor: number
}

/**
 * What the model knows about one payment: only what the merchant and the buyer did and what they may expect from
 * it, never the engine's own bookkeeping. It does not know the machine's states beyond the few it predicts.
 */
export interface ModelPayment {
  readonly id: string
  /** The order this payment is an attempt of, and which attempt (from 1). */
  readonly order: string
  readonly attempt: number
  readonly spec: PaymentSpec
  readonly input: PaymentInput
  /** Every request id the merchant chose for an operation on this payment, with the amount it asked (minor units). */
  readonly captureIds: Map<string, number>
  readonly refundIds: Map<string, number>
  readonly verifyIds: Set<string>
  /** Captures and refunds asked without a request id: the engine names them (see `defaultIdPattern`). */
  readonly asksWithoutId: { capture: number; refund: number }
  /** Every capture and refund the engine answered as taken. */
  readonly accepted: Array<AcceptedIntent>
  /** Every refund the merchant asked for (each request id once), in minor units: nothing can refund more. */
  askedRefunds: number
  /** The first terminal state the store showed for it: it must never show another. */
  terminal: PaymentState | undefined
  /** What the buyer did on the gateway's pages, if anything. */
  buyer: 'none' | 'passed' | 'failed' | 'abandoned'
  wrongOtps: number
  /** Its submission failed to be written and the merchant never asked again: it may stay a draft, never sent. */
  leftADraft?: boolean
}

export interface Model {
  readonly payments: Array<ModelPayment>
  nextPayment: number
  nextOperation: number
  crashes: number
  /** Call faults queued on the simulator and not yet seen in its call log. */
  faultsQueued: number
  /** Merchant intents on one payment that ran at the same time, in this flow. */
  racingIntents: number
  /** Intents the engine refused with RequestIdReused. */
  idsReused: number
  /** Customers' returns that came in a burst. */
  returnBursts: number
  /** Orders where the buyer paid an open attempt while the merchant started another in its place. */
  readonly racedOrders: Set<string>
  /** New attempts refused because an earlier one of the order might still succeed. */
  attemptsRefusedOpen: number
  /** Calls still waiting for the gateway when their lease lapsed. */
  callsPastLease: number
  answersHeldPastLease: number
  completionsHeldPastLease: number
}

export const emptyModel = (): Model => ({
  payments: [],
  nextPayment: 1,
  nextOperation: 1,
  crashes: 0,
  faultsQueued: 0,
  racingIntents: 0,
  idsReused: 0,
  returnBursts: 0,
  racedOrders: new Set(),
  attemptsRefusedOpen: 0,
  callsPastLease: 0,
  answersHeldPastLease: 0,
  completionsHeldPastLease: 0,
})

/** A payment the merchant just started, as the model first knows it. */
export const newModelPayment = (
  id: string,
  spec: PaymentSpec,
  input: PaymentInput,
  order: string,
  attempt: number,
): ModelPayment => ({
  id,
  order,
  attempt,
  spec,
  input,
  captureIds: new Map(),
  refundIds: new Map(),
  verifyIds: new Set(),
  asksWithoutId: { capture: 0, refund: 0 },
  accepted: [],
  askedRefunds: 0,
  terminal: undefined,
  buyer: 'none',
  wrongOtps: 0,
})

/** The attempts of `order` the model knows, first first. */
export const attemptsOf = (model: Readonly<Model>, order: string): ReadonlyArray<ModelPayment> =>
  model.payments.filter((p) => p.order === order).sort((a, b) => a.attempt - b.attempt)

/** The request ids the engine gives a capture or a refund asked without one (see `nextCaptureRequestId`). */
export const defaultIdPattern = (payment: ModelPayment, kind: 'capture' | 'refund'): RegExp =>
  kind === 'capture' ? new RegExp(`^${payment.id}-capture(-\\d+)?$`) : new RegExp(`^${payment.id}-refund-\\d+$`)

/** Whether the merchant asked for this operation under this id, or without one and the engine named it so. */
export const ownsRequestId = (payment: ModelPayment, kind: 'capture' | 'refund', id: string | undefined): boolean => {
  if (id === undefined) return false
  const chosen = kind === 'capture' ? payment.captureIds.has(id) : payment.refundIds.has(id)
  return chosen || (payment.asksWithoutId[kind] > 0 && defaultIdPattern(payment, kind).test(id))
}

/** The payment the `index`-th choice points at (choices are generated before the payments exist). */
export const pick = (model: Model, index: number): ModelPayment | undefined =>
  model.payments.length === 0 ? undefined : model.payments[index % model.payments.length]

export const operationId = (model: Model, payment: ModelPayment, kind: string): string =>
  `${payment.id}-${kind}-${model.nextOperation++}`
