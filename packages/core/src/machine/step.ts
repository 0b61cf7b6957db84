import { initialTransition, type SnapshotFrom, transition } from 'xstate'
import type { Command } from './commands.js'
import type { PaymentInput } from './context.js'
import type { PaymentEvent } from './events.js'
import { paymentMachine } from './payment-machine.js'

export type PaymentSnapshot = SnapshotFrom<typeof paymentMachine>

/** One pure step: the payment after an event, and what must now be done, in order. */
export interface Step {
  readonly snapshot: PaymentSnapshot
  readonly commands: ReadonlyArray<Command>
}

const commandsOf = (actions: ReadonlyArray<{ readonly type: string; readonly params?: unknown }>): Command[] =>
  actions.filter((action) => action.type === 'command').map((action) => action.params as Command)

export const startPayment = (input: PaymentInput): Step => {
  const [snapshot, actions] = initialTransition(paymentMachine, input)
  return { snapshot, commands: commandsOf(actions) }
}

export const applyEvent = (snapshot: PaymentSnapshot, event: PaymentEvent): Step => {
  const [next, actions] = transition(paymentMachine, snapshot, event)
  return { snapshot: next, commands: commandsOf(actions) }
}

/** Applies events one after another, collecting every command. */
export const applyEvents = (snapshot: PaymentSnapshot, events: ReadonlyArray<PaymentEvent>): Step =>
  events.reduce<Step>(
    (step, event) => {
      const next = applyEvent(step.snapshot, event)
      return { snapshot: next.snapshot, commands: [...step.commands, ...next.commands] }
    },
    { snapshot, commands: [] },
  )

/** The JSON a store keeps: state value and context, which hold no card data by construction. */
export type PersistedPayment = ReturnType<typeof paymentMachine.getPersistedSnapshot>

export const persistPayment = (snapshot: PaymentSnapshot): PersistedPayment =>
  paymentMachine.getPersistedSnapshot(snapshot)

export const restorePayment = (persisted: PersistedPayment): PaymentSnapshot =>
  paymentMachine.resolveState(persisted as Parameters<typeof paymentMachine.resolveState>[0])
