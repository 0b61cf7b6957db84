import { hasOpenConflict } from './agreement.js'
import { capturedMinor, refundableMinor, refundedMinor } from './amounts.js'
import { candidateEvents } from './candidate-events.fixtures.js'
import type { PaymentInput } from './context.js'
import type { PaymentEvent } from './events.js'
import { cardInput, sessionInput, walletInput } from './machine.fixtures.js'
import { MAX_REFUND_SENDS } from './policy.js'
import { isTerminal } from './state.js'
import { applyEvent, type PaymentSnapshot, startPayment } from './transitions.js'

export const INPUTS: ReadonlyArray<PaymentInput> = [
  cardInput(),
  cardInput({ captureMode: 'AUTOMATIC' }),
  walletInput(),
  sessionInput(),
]

/** Distinguishes snapshots by state and by the context a guard reads, so traversal stays finite. */
export const serializeState = (snapshot: PaymentSnapshot) => {
  const c = snapshot.context
  return JSON.stringify([
    snapshot.value,
    c.paymentMethodType,
    c.capture?.status,
    c.capture?.captureRequestId !== undefined,
    c.capture?.status === 'pending' ? c.counts.captureAttempts : undefined,
    c.earlierCaptures.length > 0,
    c.capture?.givenUpAt !== undefined,
    // Refunds by what guards read of them: what is left, how many are pending and the sends of the first (the one
    // candidate events answer) up to the bound past which only a reversal goes on, and whether one was made elsewhere.
    refundableMinor(c),
    refundedMinor(c) > 0,
    c.refunds.filter((r) => r.status === 'pending').length,
    c.refunds
      .filter((r) => r.status === 'pending')
      .map((r) => `${r.refundRequestId}:${Math.min(r.sends ?? 0, MAX_REFUND_SENDS)}`)[0],
    c.refunds.some((r) => r.origin === 'external'),
    // A paymentId only a notification told, which an authorized payment asks its own result to confirm (`captured`
    // reaches its handlers with card facts unknown already; told apart there too, it would double those states).
    snapshot.value === 'authorized' && c.paymentIdFrom === 'notification',
    // A last look that asked something and is not yet to be made again: an unanswered inquiry makes it again. Told
    // apart only where the root's handler (or the closed states') takes that answer (`authorized` among them, where a
    // capture given up is watched): elsewhere it would double every state past a give-up, and those states' own
    // handlers are taken without it.
    (isTerminal(snapshot) || snapshot.value === 'authorized') &&
      c.inFlight.lastLook !== undefined &&
      !c.inFlight.lastLook.askAgain,
    // Open conflicts, as the guards holding reports read them: about the payment or its capture, about the refund
    // still pending. A settled payment only records them, so there they tell nothing apart.
    !isTerminal(snapshot) && hasOpenConflict(c, ['payment']),
    !isTerminal(snapshot) && hasOpenConflict(c, ['capture']),
    c.refunds.some((r) => r.status === 'pending') && hasOpenConflict(c, ['refund']),
    // What only a payment not yet paid reads: why it is being cancelled, how often the pay went out, the OTP.
    // and whether it closed on ORDER_NOT_EXIST, with a late success's cancel on its way or confirmed.
    ...(capturedMinor(c) > 0
      ? []
      : [
          c.cancel.reason,
          c.counts.payAttempts,
          c.counts.otpAttempts > 1,
          c.customer.customerAction?.kind === 'otp',
          c.cancel.notFoundAt !== undefined,
          c.cancel.lateSuccessAt !== undefined,
          c.cancel.lateCancel,
          c.cancel.confirmed,
        ]),
  ])
}

export const options = (input: PaymentInput) => ({
  input,
  events: (snapshot: PaymentSnapshot) => candidateEvents(snapshot.context),
  serializeState,
})

/** A state the exploration reached, and the events that lead there from the payment's start, shortest first. */
export interface Reached {
  readonly snapshot: PaymentSnapshot
  readonly path: ReadonlyArray<PaymentEvent>
}

/** Every candidate event from every reached state: the edges of the exploration. */
export interface Explored {
  readonly start: PaymentSnapshot
  readonly states: ReadonlyMap<string, Reached>
  readonly edges: ReadonlyArray<{ readonly from: PaymentSnapshot; readonly event: PaymentEvent }>
}

const explorations = new Map<PaymentInput, Explored>()

/**
 * Breadth first from the payment's start, every candidate event from every state, states told apart by
 * `serializeState`: what xstate/graph's traversal does, with each state queued once (its queue holds every edge).
 * Memoized per input, so the tests share one exploration.
 */
export const explore = (input: PaymentInput): Explored => {
  const known = explorations.get(input)
  if (known !== undefined) return known
  const start = startPayment(input).snapshot
  const states = new Map<string, Reached>([[serializeState(start), { snapshot: start, path: [] }]])
  const edges: Array<{ from: PaymentSnapshot; event: PaymentEvent }> = []
  const queue: Array<Reached> = [{ snapshot: start, path: [] }]
  for (let i = 0; i < queue.length; i++) {
    const { snapshot, path } = queue[i] as Reached
    for (const event of candidateEvents(snapshot.context)) {
      edges.push({ from: snapshot, event })
      const next = applyEvent(snapshot, event).snapshot
      const key = serializeState(next)
      if (states.has(key)) continue
      const reached = { snapshot: next, path: [...path, event] }
      states.set(key, reached)
      queue.push(reached)
    }
  }
  const explored = { start, states, edges }
  explorations.set(input, explored)
  return explored
}
