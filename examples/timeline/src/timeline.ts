import type { PaymentInput, PaymentState } from '@paychart/core'
import {
  applyEvent,
  type Command,
  type PaymentEvent,
  type PaymentSnapshot,
  startPayment,
  stateOf,
} from '@paychart/core/machine'
import { answerLikeAntom } from './responder.js'

/** One line of the timeline: what arrived, where the payment went, what the machine decided. */
export interface TimelineRow {
  readonly at: number
  readonly source: 'merchant' | 'customer' | 'gateway' | 'notification'
  readonly event: PaymentEvent
  readonly from: PaymentState
  readonly to: PaymentState
  readonly commands: ReadonlyArray<Command>
}

type Actor = Exclude<TimelineRow['source'], 'gateway'>
type Intent = (at: number) => PaymentEvent

const T0 = Date.UTC(2026, 10, 22, 9, 30, 0)
const SECOND = 1_000

export const demoPayment: PaymentInput = {
  paymentRequestId: 'PAY-2026-11-22-0001',
  merchantReference: 'ORDER-1042',
  amount: { currency: 'EUR', minor: 12_900 },
  paymentMethodType: 'CARD',
  captureMode: 'MANUAL',
}

/** What the merchant, the customer and the gateway's notifications do, in order, in this story. */
const story: ReadonlyArray<readonly [Actor, Intent]> = [
  ['merchant', (at) => ({ type: 'SUBMIT', at })],
  ['customer', (at) => ({ type: 'CUSTOMER_RETURNED', at })],
  [
    'notification',
    (at) => ({
      type: 'PAYMENT_NOTIFIED',
      at,
      notifyType: 'PAYMENT_RESULT',
      result: { resultStatus: 'S', resultCode: 'SUCCESS' },
    }),
  ],
  ['merchant', (at) => ({ type: 'CAPTURE', at, captureRequestId: 'CAP-ORDER-1042' })],
  [
    'notification',
    (at) => ({
      type: 'CAPTURE_NOTIFIED',
      at,
      captureRequestId: 'CAP-ORDER-1042',
      result: { resultStatus: 'S', resultCode: 'SUCCESS' },
    }),
  ],
  [
    'merchant',
    (at) => ({ type: 'REFUND', at, refundRequestId: 'REF-ORDER-1042-1', amount: { currency: 'EUR', minor: 2_500 } }),
  ],
]

/** Runs the story through the real machine, feeding each gateway command's answer back as the next event. */
export const runTimeline = (): { readonly rows: ReadonlyArray<TimelineRow>; readonly snapshot: PaymentSnapshot } => {
  const rows: TimelineRow[] = []
  let snapshot = startPayment(demoPayment).snapshot
  let clock = T0

  const feed = (source: TimelineRow['source'], event: PaymentEvent) => {
    const from = stateOf(snapshot)
    const step = applyEvent(snapshot, event)
    snapshot = step.snapshot
    rows.push({ at: event.at, source, event, from, to: stateOf(snapshot), commands: step.commands })
    for (const command of step.commands) {
      clock += SECOND
      const answer = answerLikeAntom(command, clock)
      if (answer !== undefined) feed('gateway', answer)
    }
  }

  for (const [source, intent] of story) {
    clock += 30 * SECOND
    feed(source, intent(clock))
  }
  return { rows, snapshot }
}
