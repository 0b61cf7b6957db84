import { type Figure, figure, opsPerSecondNextTo } from '@paychart/bench-kit'
import { createMachine, initialTransition, transition } from 'xstate'
import { applyEvent, type PaymentEvent, type PaymentSnapshot, startPayment } from '../src/machine/index.js'

const T0 = Date.UTC(2026, 10, 22)
const ok = { resultStatus: 'S', resultCode: 'SUCCESS' } as const
const usd = (minor: number) => ({ currency: 'USD' as const, minor })

/** A whole card payment: 3DS, a duplicate notification, manual capture, two partial refunds and a rejected one. */
const flow: ReadonlyArray<PaymentEvent> = [
  { type: 'SUBMIT', at: T0 },
  {
    type: 'PAY_ANSWERED',
    at: T0 + 1,
    result: { resultStatus: 'U', resultCode: 'PAYMENT_IN_PROCESS' },
    paymentId: 'P1',
    nextAction: { kind: 'threeDS', url: 'https://acs' },
  },
  { type: 'CUSTOMER_RETURNED', at: T0 + 2 },
  { type: 'INQUIRY_ANSWERED', at: T0 + 3, result: ok, paymentStatus: 'SUCCESS', amount: usd(10_000) },
  { type: 'PAYMENT_NOTIFIED', at: T0 + 4, notifyType: 'PAYMENT_RESULT', result: ok, amount: usd(10_000) },
  { type: 'CAPTURE', at: T0 + 5, captureRequestId: 'C1' },
  { type: 'CAPTURE_ANSWERED', at: T0 + 6, captureRequestId: 'C1', result: ok },
  { type: 'REFUND', at: T0 + 7, refundRequestId: 'R1', amount: usd(3_000) },
  { type: 'REFUND_ANSWERED', at: T0 + 8, refundRequestId: 'R1', result: ok },
  { type: 'REFUND', at: T0 + 9, refundRequestId: 'R2', amount: usd(9_000) },
  { type: 'REFUND', at: T0 + 10, refundRequestId: 'R3', amount: usd(7_000) },
  { type: 'REFUND_ANSWERED', at: T0 + 11, refundRequestId: 'R3', result: ok },
]

const start = startPayment({
  paymentRequestId: 'BENCH-1',
  amount: usd(10_000),
  paymentMethodType: 'CARD',
  captureMode: 'MANUAL',
}).snapshot

const paymentFlow = () => {
  let snapshot: PaymentSnapshot = start
  for (const event of flow) snapshot = applyEvent(snapshot, event).snapshot
  return flow.length
}

const toggle = createMachine({
  initial: 'off',
  states: { off: { on: { TOGGLE: 'on' } }, on: { on: { TOGGLE: 'off' } } },
})
const [toggleStart] = initialTransition(toggle)
const toggleFlow = () => {
  let snapshot = toggleStart
  for (let i = 0; i < flow.length; i++) snapshot = transition(toggle, snapshot, { type: 'TOGGLE' })[0]
  return flow.length
}

/** The payment machine through `applyEvent`, next to a two-state machine through xstate's own `transition()`. */
export const measureMachine = async (): Promise<Figure> => {
  const { value, baselineValue } = await opsPerSecondNextTo(paymentFlow, toggleFlow)
  return figure(
    'core: payment machine events through applyEvent()',
    value,
    'events/s',
    "two-state XState machine through xstate's transition()",
    baselineValue,
  )
}
