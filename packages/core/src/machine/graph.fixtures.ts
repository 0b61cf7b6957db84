import { hasOpenConflict } from './agreement.js'
import { capturedMinor, refundableMinor, refundedMinor } from './amounts.js'
import { candidateEvents } from './candidate-events.fixtures.js'
import type { PaymentInput } from './context.js'
import { cardInput, sessionInput, walletInput } from './machine.fixtures.js'
import { isTerminal } from './state.js'
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
    // Refunds by what guards read of them: what is left, how many are pending and the sends of the first (the one
    // candidate events answer), and whether one was made elsewhere.
    refundableMinor(c),
    refundedMinor(c) > 0,
    c.refunds.filter((r) => r.status === 'pending').length,
    c.refunds.find((r) => r.status === 'pending')?.sends,
    c.refunds.some((r) => r.origin === 'external'),
    // Open conflicts, as the guards holding reports read them: about the payment or its capture, about the refund
    // still pending. A settled payment only records them, so there they tell nothing apart.
    !isTerminal(snapshot) && hasOpenConflict(c, ['payment', 'capture']),
    c.refunds.some((r) => r.status === 'pending') && hasOpenConflict(c, ['refund']),
    // What only a payment not yet paid reads: why it is being cancelled, how often the pay went out, the OTP.
    ...(capturedMinor(c) > 0 ? [] : [c.cancelReason, c.payAttempts, c.otpAttempts > 1]),
  ])
}

export const options = (input: PaymentInput) => ({
  input,
  events: (snapshot: PaymentSnapshot) => candidateEvents(snapshot.context),
  serializeState,
})
