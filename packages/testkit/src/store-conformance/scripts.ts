import type { Money } from '@paychart/core'
import type { PaymentEvent } from '@paychart/core/machine'
import type { Commit, NewPayment } from '@paychart/core/store'
import {
  type CommitOverrides,
  cardInput,
  commitEvent,
  draftPayment,
  inProcess,
  lastCommand,
  ok,
  type PaymentDraft,
  T0,
} from './flow.js'

/** A payment's creation and the commits the engine writes for a sequence of events, each built on the last. */
export interface ScriptedFlow {
  readonly payment: NewPayment
  readonly commits: ReadonlyArray<Commit>
  /** The payment after each commit: `drafts[i]` follows `commits[i]`. */
  readonly drafts: ReadonlyArray<PaymentDraft>
}

type ScriptStep = (draft: PaymentDraft) => readonly [PaymentEvent, CommitOverrides?]

const completes = (draft: PaymentDraft, kind: Parameters<typeof lastCommand>[1]): CommitOverrides => {
  const commandId = lastCommand(draft, kind)
  return commandId === undefined ? {} : { completesCommand: commandId }
}

const script = (start: ReturnType<typeof draftPayment>, steps: ReadonlyArray<ScriptStep>): ScriptedFlow => {
  const commits: Commit[] = []
  const drafts: PaymentDraft[] = []
  let draft = start.draft
  for (const step of steps) {
    const [event, overrides] = step(draft)
    const built = commitEvent(draft, event, overrides)
    commits.push(built.commit)
    drafts.push(built.next)
    draft = built.next
  }
  return { payment: start.payment, commits, drafts }
}

/**
 * A card payment with a 3DS challenge and manual capture, as the engine commits it: submit (pay, expiry timer),
 * the challenge (customerActionRequired, reconcile timer), the customer's return (inquiry), authorized (timers
 * swapped), capture, captured (readyToShip), then the payment notification, recorded under its key.
 */
export const cardFlow = (paymentRequestId: string, at = T0): ScriptedFlow => {
  const paymentId = `P-${paymentRequestId}`
  const amount: Money = { currency: 'USD', minor: 10_000 }
  return script(draftPayment(cardInput(paymentRequestId), at), [
    () => [{ type: 'SUBMIT', at }],
    (d) => [
      {
        type: 'PAY_ANSWERED',
        at: at + 1_000,
        result: inProcess,
        paymentId,
        nextAction: { kind: 'threeDS', url: `https://acs.example/3ds/${paymentRequestId}` },
      },
      completes(d, 'pay'),
    ],
    () => [{ type: 'CUSTOMER_RETURNED', at: at + 2_000 }],
    (d) => [
      { type: 'INQUIRY_ANSWERED', at: at + 3_000, result: ok, paymentStatus: 'SUCCESS', paymentId, amount },
      completes(d, 'inquiryPayment'),
    ],
    () => [{ type: 'CAPTURE', at: at + 4_000, captureRequestId: `CAP-${paymentRequestId}` }],
    (d) => [
      { type: 'CAPTURE_ANSWERED', at: at + 5_000, captureRequestId: `CAP-${paymentRequestId}`, result: ok },
      completes(d, 'capture'),
    ],
    () => [
      { type: 'PAYMENT_NOTIFIED', at: at + 6_000, notifyType: 'PAYMENT_RESULT', result: ok, paymentId, amount },
      { notificationKey: notificationKey(paymentRequestId, paymentId) },
    ],
  ])
}

/** A Checkout Page payment: submit (createPaymentSession), then the session answered with its id. */
export const sessionFlow = (paymentRequestId: string, at = T0): ScriptedFlow =>
  script(draftPayment({ paymentRequestId, amount: { currency: 'EUR', minor: 4_500 }, flow: 'checkoutSession' }, at), [
    () => [{ type: 'SUBMIT', at }],
    (d) => [
      { type: 'SESSION_ANSWERED', at: at + 1_000, result: ok, paymentSessionId: `SESSION-${paymentRequestId}` },
      completes(d, 'createPaymentSession'),
    ],
  ])

export const notificationKey = (paymentRequestId: string, paymentId: string): string =>
  `PAYMENT_RESULT:${paymentRequestId}:${paymentId}`
