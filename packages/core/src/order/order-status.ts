import type { PaymentStatus } from '../engine/status.js'
import type { PaymentState } from '../machine/state.js'
import { attemptRequestId } from './attempt-ids.js'

/** The states in which an attempt holds the buyer's money, or did (refunded): the order is paid. */
const CHARGED: ReadonlySet<PaymentState> = new Set(['authorized', 'capturing', 'captured', 'refunded'])

/**
 * Whether this attempt took the buyer's money. A closed one can hold a capture that landed late: it counts until its
 * reversal is refunded.
 */
export const charged = (attempt: PaymentStatus): boolean =>
  CHARGED.has(attempt.state) || attempt.captured.minor > attempt.refunded.minor

/**
 * Whether this attempt may still end with the buyer's money taken: its outcome is not settled yet, or the gateway
 * reported a success it closed without, and the merchant has not reviewed that conflict.
 */
export const mayStillSucceed = (attempt: PaymentStatus): boolean =>
  !charged(attempt) &&
  (!attempt.tags.includes('terminal') || attempt.conflicts.some((conflict) => conflict.resolvedAt === undefined))

/**
 * - `new`: no attempt yet.
 * - `open`: the current attempt may still succeed; no other may start until it is settled or cancelled.
 * - `paid`: an attempt took the money.
 * - `retryable`: every attempt closed without money (declined, failed, expired, cancelled); the next may start.
 * - `exhausted`: as `retryable`, but the order has had its last attempt.
 */
export type OrderState = 'new' | 'open' | 'paid' | 'retryable' | 'exhausted'

export interface NextAttempt {
  readonly attempt: number
  readonly paymentRequestId: string
  /** The last attempt was declined AUTHENTICATION_REQUIRED: the next card attempt asks for 3D Secure. */
  readonly requires3ds: boolean
}

/** An order, read from its attempts: there is no order record besides them. */
export interface OrderStatus {
  readonly orderReference: string
  readonly state: OrderState
  /** Every attempt, first first. */
  readonly attempts: ReadonlyArray<PaymentStatus>
  /** The attempt the state is about: the open one, the paid one, or the last. */
  readonly current?: PaymentStatus
  /** Attempts that took the buyer's money. More than one is a double charge: it must never stay so. */
  readonly charged: ReadonlyArray<string>
  /** The attempt that may start now, when one may: a new one, or the open one while it is a draft never submitted. */
  readonly next?: NextAttempt
}

/** What an order is, given its attempts in order. Pure: the same attempts always give the same answer. */
export const orderStatusOf = (
  orderReference: string,
  attempts: ReadonlyArray<PaymentStatus>,
  maxAttempts: number,
): OrderStatus => {
  const chargedIds = attempts.filter(charged).map((attempt) => attempt.paymentRequestId)
  const base = { orderReference, attempts, charged: chargedIds }
  const paid = attempts.find(charged)
  if (paid !== undefined) return { ...base, state: 'paid', current: paid }
  const open = attempts.find(mayStillSucceed)
  if (open !== undefined) {
    // Created but never submitted (its submission was not written): starting that attempt again submits it.
    if (open.state !== 'draft') return { ...base, state: 'open', current: open }
    const index = attempts.indexOf(open)
    const requires3ds = attempts[index - 1]?.failure?.code === 'AUTHENTICATION_REQUIRED'
    const next = { attempt: index + 1, paymentRequestId: open.paymentRequestId, requires3ds }
    return { ...base, state: 'open', current: open, next }
  }
  const last = attempts.at(-1)
  if (last === undefined) {
    return {
      ...base,
      state: 'new',
      next: { attempt: 1, paymentRequestId: attemptRequestId(orderReference, 1), requires3ds: false },
    }
  }
  if (attempts.length >= maxAttempts) return { ...base, state: 'exhausted', current: last }
  const attempt = attempts.length + 1
  const requires3ds = last.failure?.code === 'AUTHENTICATION_REQUIRED'
  return {
    ...base,
    state: 'retryable',
    current: last,
    next: { attempt, paymentRequestId: attemptRequestId(orderReference, attempt), requires3ds },
  }
}
