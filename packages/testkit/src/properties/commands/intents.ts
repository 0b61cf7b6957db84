import type { PaymentStatus, RefundResult } from '@paychart/core'
import type { Exit } from 'effect'
import { violated } from '../invariants.js'
import { type Model, type ModelPayment, operationId } from '../model.js'

/**
 * How the merchant names a capture or a refund: under a new request id, under the last one again with its amount (a
 * retry), under the last one the engine took with another amount (refused: the id is taken), or with none (the
 * engine names it).
 */
export type IdMode = 'new' | 'retry' | 'reuse' | 'none'

export const ID_MODES: ReadonlyArray<IdMode> = ['new', 'new', 'retry', 'reuse', 'reuse', 'none', 'none']

/** What the merchant sends: the request id (none when the engine is to name it) and the amount in minor units. */
export interface IntentRequest {
  readonly requestId: string | undefined
  readonly minor: number
  /** An id already used for another amount: the engine must refuse it. */
  readonly reused: boolean
}

/** Half of `minor` minor units, at least one: a part of what a payment allows. */
export const halfOf = (minor: number): number => Math.max(1, Math.floor(minor / 2))

/** Chooses the request as `mode` says and records what the merchant asked in the model. */
export const requestFor = (
  model: Model,
  payment: ModelPayment,
  kind: 'capture' | 'refund',
  mode: IdMode,
  minor: number,
): IntentRequest => {
  const ids = kind === 'capture' ? payment.captureIds : payment.refundIds
  const last = [...ids].at(-1)
  const taken = payment.accepted.filter((a) => a.kind === kind).at(-1)
  if (mode === 'none') {
    payment.asksWithoutId[kind] += 1
    if (kind === 'refund') payment.askedRefunds += minor
    return { requestId: undefined, minor, reused: false }
  }
  if (mode === 'retry' && last !== undefined) return { requestId: last[0], minor: last[1], reused: false }
  if (mode === 'reuse' && taken !== undefined) {
    const other = taken.minor === minor ? minor + 1 : minor
    return { requestId: taken.requestId, minor: other, reused: true }
  }
  const requestId = operationId(model, payment, kind)
  ids.set(requestId, minor)
  if (kind === 'refund') payment.askedRefunds += minor
  return { requestId, minor, reused: false }
}

/**
 * The request id the engine took the intent under: the merchant's own, or the one it named. A capture asked again
 * under an earlier id is answered with the payment's status, whose capture may be a later one under another id.
 */
const takenId = (
  kind: 'capture' | 'refund',
  request: IntentRequest,
  value: PaymentStatus | RefundResult,
): string | undefined =>
  request.requestId ??
  (kind === 'refund' ? (value as RefundResult).refund.refundRequestId : value.capture?.captureRequestId)

/**
 * Records an intent the engine answered as taken (a refused one is not); an id already used for another amount
 * must have been refused, with `RequestIdReused` when the payment knew the id.
 */
export const recordOutcome = (
  model: Model,
  payment: ModelPayment,
  kind: 'capture' | 'refund',
  request: IntentRequest,
  knownBefore: boolean,
  exit: Exit.Exit<PaymentStatus | RefundResult, unknown>,
  outcome: string,
): void => {
  if (outcome === 'RequestIdReused') model.idsReused += 1
  // The engine names a refund asked without an id: a new refund, whose id no other refund can have taken.
  if (kind === 'refund' && request.requestId === undefined && outcome === 'RequestIdReused') {
    violated('intent-postcondition', `a refund of ${request.minor} asked without an id was refused as RequestIdReused`)
  }
  if (request.reused && knownBefore && outcome !== 'RequestIdReused') {
    violated(
      'intent-postcondition',
      `${kind} ${payment.id} asked again under ${request.requestId} for another amount: ${outcome}, not RequestIdReused`,
    )
  }
  if (exit._tag !== 'Success') return
  const requestId = takenId(kind, request, exit.value)
  if (requestId === undefined) return
  payment.accepted.push({ kind, requestId, minor: request.minor })
}
