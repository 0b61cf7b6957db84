import { createMachine, initialTransition, transition } from 'xstate'
import { applyEvent, type PaymentEvent, startPayment } from '../src/machine/index.js'
import { paymentMachine } from '../src/machine/payment-machine.js'

const T0 = Date.UTC(2026, 10, 22)
const start = startPayment({
  paymentRequestId: 'B',
  amount: { currency: 'USD', minor: 100 },
  paymentMethodType: 'CARD',
  captureMode: 'MANUAL',
}).snapshot
const ev: PaymentEvent = { type: 'SUBMIT', at: T0 }
const toggle = createMachine({
  initial: 'off',
  states: { off: { on: { TOGGLE: 'on' } }, on: { on: { TOGGLE: 'off' } } },
})
const [ts] = initialTransition(toggle)
const time = (name: string, f: () => void) => {
  for (let i = 0; i < 20000; i++) f()
  const t = performance.now()
  const N = 100000
  for (let i = 0; i < N; i++) f()
  console.log(name, (((performance.now() - t) * 1000) / N).toFixed(2), 'us')
}
time('applyEvent SUBMIT', () => applyEvent(start, ev))
time('xstate transition SUBMIT', () => transition(paymentMachine, start, ev))
time('toggle transition', () => transition(toggle, ts, { type: 'TOGGLE' }))
