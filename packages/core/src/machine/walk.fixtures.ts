import fc from 'fast-check'
import { candidateEvents } from './candidate-events.fixtures.js'
import type { PaymentInput } from './context.js'
import type { PaymentEvent } from './events.js'
import { cardInput, sessionInput, T0, walletInput } from './machine.fixtures.js'
import { paymentMachine } from './payment-machine.js'
import { applyEvent, type PaymentSnapshot, startPayment } from './transitions.js'

const inputs = fc.constantFrom<PaymentInput>(
  cardInput(),
  cardInput({ captureMode: 'AUTOMATIC' }),
  walletInput(),
  sessionInput(),
)

/**
 * A walk through the machine. Each step picks one of the events the payment may receive: four times in five
 * among those its current state handles (so walks go deep), otherwise among all of them (noise, duplicates).
 */
export const walks = fc.record({
  input: inputs,
  choices: fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.nat()), { minLength: 1, maxLength: 60 }),
})

const handledBy = (snapshot: PaymentSnapshot) => (event: PaymentEvent) =>
  paymentMachine.getTransitionData(snapshot, event).some((t) => t.eventType !== '*')

type Observe = (before: PaymentSnapshot, after: ReturnType<typeof applyEvent>) => void

export const walk = (input: PaymentInput, choices: ReadonlyArray<[number, number]>, observe: Observe) => {
  let snapshot = startPayment(input).snapshot
  choices.forEach(([noise, pick], i) => {
    const all = candidateEvents(snapshot.context, T0 + i)
    const handled = all.filter(handledBy(snapshot))
    const events = noise === 0 || handled.length === 0 ? all : handled
    const step = applyEvent(snapshot, events[pick % events.length] as PaymentEvent)
    observe(snapshot, step)
    snapshot = step.snapshot
  })
}
