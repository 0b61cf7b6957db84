import { candidateEvents } from './candidate-events.fixtures.js'
import type { PaymentInput } from './context.js'
import { cardInput, sessionInput, walletInput } from './machine.fixtures.js'
import type { PaymentSnapshot } from './step.js'

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
    c.refunds.map((r) => `${r.refundRequestId}:${r.status}`),
    c.cancelReason,
    c.payAttempts,
    c.otpAttempts > 1,
  ])
}

export const options = (input: PaymentInput) => ({
  input,
  events: (snapshot: PaymentSnapshot) => candidateEvents(snapshot.context),
  serializeState,
})
