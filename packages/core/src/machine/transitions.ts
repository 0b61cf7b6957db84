import { type ExecutableActionObject, initialTransition, type SnapshotFrom, transition } from 'xstate'
import type { Command } from './commands.js'
import type { PaymentInput, Refusal } from './context.js'
import type { PaymentEmitted } from './emitted.js'
import type { PaymentEvent } from './events.js'
import { paymentMachine } from './payment-machine.js'

export type PaymentSnapshot = SnapshotFrom<typeof paymentMachine>

/** One pure step: the payment after an event, and what the machine told on the way. */
export interface Step {
  readonly snapshot: PaymentSnapshot
  /** What must now be done, in order. */
  readonly commands: ReadonlyArray<Command>
  /** Set when the machine refused a merchant intent. */
  readonly refusal?: Refusal
  /** The event is a notification the payment cannot take yet: not to be committed. */
  readonly deferred: boolean
}

/** What `emit` actions carry, as `transition()` returns them (`xstate.emit`, its event in `params`). */
const emittedBy = (action: ExecutableActionObject): PaymentEmitted | undefined =>
  action.type === 'xstate.emit' ? (action.params as { event: PaymentEmitted }).event : undefined

const stepOf = (snapshot: PaymentSnapshot, actions: ReadonlyArray<ExecutableActionObject>): Step => {
  const commands: Command[] = []
  let refusal: Refusal | undefined
  let deferred = false
  for (const action of actions) {
    const emitted = emittedBy(action)
    if (emitted?.type === 'command') commands.push(emitted.command)
    else if (emitted?.type === 'refused') refusal = emitted.refusal
    else if (emitted?.type === 'deferred') deferred = true
  }
  return refusal === undefined ? { snapshot, commands, deferred } : { snapshot, commands, refusal, deferred }
}

export const startPayment = (input: PaymentInput): Step => {
  const [snapshot, actions] = initialTransition(paymentMachine, input)
  return stepOf(snapshot, actions)
}

export const applyEvent = (snapshot: PaymentSnapshot, event: PaymentEvent): Step => {
  const [next, actions] = transition(paymentMachine, snapshot, event)
  return stepOf(next, actions)
}

/** Applies events one after another, collecting every command. */
export const applyEvents = (snapshot: PaymentSnapshot, events: ReadonlyArray<PaymentEvent>): Step =>
  events.reduce<Step>(
    (step, event) => {
      const next = applyEvent(step.snapshot, event)
      return { ...next, commands: [...step.commands, ...next.commands] }
    },
    { snapshot, commands: [], deferred: false },
  )
