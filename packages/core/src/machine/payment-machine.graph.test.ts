import { describe, expect, it } from 'vitest'
import { transition } from 'xstate'
import { getAdjacencyMap, getShortestPaths } from 'xstate/graph'
import type { PaymentEvent } from './events.js'
import { INPUTS, options } from './graph.fixtures.js'
import { cardInput } from './machine.fixtures.js'
import { paymentMachine } from './payment-machine.js'
import { PAYMENT_STATES, stateOf } from './state.js'
import type { PaymentSnapshot } from './step.js'

type TransitionDefinition = ReturnType<typeof paymentMachine.getTransitionData>[number]

const allTransitions = (): TransitionDefinition[] => {
  const nodes = [paymentMachine.root, ...Object.values(paymentMachine.root.states)]
  for (const node of [...nodes]) nodes.push(...Object.values(node.states).filter((n) => !nodes.includes(n)))
  return nodes.flatMap((node) => [...node.transitions.values()].flat())
}

const describeTransition = (t: TransitionDefinition) =>
  `${t.source.id} --${t.eventType}${t.guard === undefined ? '' : ` [${typeof t.guard === 'string' ? t.guard : 'composite guard'}]`}--> ${
    t.target?.map((n) => n.id).join(',') ?? '(stay)'
  }`

// Traversal takes seconds (more on a loaded machine); what is asserted is coverage, not time.
describe('payment machine graph', { timeout: 60_000 }, () => {
  it('reaches every state along paths generated from the machine', () => {
    const reached = new Set<string>()
    for (const input of INPUTS) {
      for (const path of getShortestPaths(paymentMachine, options(input))) reached.add(stateOf(path.state))
    }
    expect([...reached].sort()).toEqual([...PAYMENT_STATES].sort())
  })

  it('takes every transition of the machine from some reachable state', () => {
    const taken = new Set<TransitionDefinition>()
    for (const input of INPUTS) {
      const adjacency = getAdjacencyMap(paymentMachine, options(input))
      for (const { state, transitions } of Object.values(adjacency)) {
        for (const { event } of Object.values(transitions) as Array<{ event: PaymentEvent }>) {
          for (const t of paymentMachine.getTransitionData(state, event)) taken.add(t)
        }
      }
    }
    const missed = allTransitions()
      .filter((t) => !taken.has(t))
      .map(describeTransition)
    expect(missed).toEqual([])
  })

  it('replays each generated path to the same state through transition()', () => {
    for (const path of getShortestPaths(paymentMachine, options(cardInput()))) {
      const [initial] = [
        paymentMachine.resolveState({ value: 'draft', context: path.steps[0]?.state.context ?? path.state.context }),
      ]
      const end = path.steps.reduce(
        (s, step) => transition(paymentMachine, s, step.event)[0],
        initial as PaymentSnapshot,
      )
      expect(stateOf(end)).toBe(stateOf(path.state))
    }
  })
})
