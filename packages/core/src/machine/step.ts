import {
  type AnyActorScope,
  type AnyStateMachine,
  createActor,
  type ExecutableActionObject,
  initialTransition,
  type SnapshotFrom,
} from 'xstate'
import type { Command } from './commands.js'
import type { PaymentInput } from './context.js'
import type { PaymentEvent } from './events.js'
import { emittedCommands, paymentMachine } from './payment-machine.js'

export type PaymentSnapshot = SnapshotFrom<typeof paymentMachine>

/** One pure step: the payment after an event, and what must now be done, in order. */
export interface Step {
  readonly snapshot: PaymentSnapshot
  readonly commands: ReadonlyArray<Command>
}

const commandsOf = (actions: ReadonlyArray<ExecutableActionObject>): Command[] => actions.flatMap(emittedCommands)

export const startPayment = (input: PaymentInput): Step => {
  const [snapshot, actions] = initialTransition(paymentMachine, input)
  return { snapshot, commands: commandsOf(actions) }
}

/**
 * What xstate's `transition()` builds on every call (an inert actor, whose constructor computes an initial snapshot),
 * built once: the machine spawns no actors and its context factory tolerates no input, so one scope serves every step. Steps are synchronous, so the executor
 * collecting one step's actions is never shared by two steps at once.
 */
const inertScope: AnyActorScope = (() => {
  const self = createActor(paymentMachine as AnyStateMachine)
  return {
    self,
    system: self.system,
    id: '',
    sessionId: '',
    logger: () => {},
    defer: () => {},
    stopChild: () => {},
    emit: () => {},
    actionExecutor: () => {},
  }
})()

export const applyEvent = (snapshot: PaymentSnapshot, event: PaymentEvent): Step => {
  const commands: Command[] = []
  inertScope.actionExecutor = (action) => {
    for (const command of emittedCommands(action)) commands.push(command)
  }
  try {
    const next = paymentMachine.transition(snapshot, event, inertScope)
    return { snapshot: next, commands }
  } finally {
    inertScope.actionExecutor = () => {}
  }
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
