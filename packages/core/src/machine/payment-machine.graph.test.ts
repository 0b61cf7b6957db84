import { describe, expect, it } from 'vitest'
import { explore, INPUTS } from './graph.fixtures.js'
import { paymentMachine } from './payment-machine.js'
import { expectRoundTrip } from './round-trip.fixtures.js'
import { PAYMENT_STATES, stateOf } from './state.js'

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

// Traversal takes a minute or two (more on a loaded machine); what is asserted is coverage, not time. Every test
// over the explored graph lives in this file, so that one worker explores it once.
describe('payment machine graph', { timeout: 360_000 }, () => {
  it('reaches every state from the initial one along the candidate events', () => {
    const reached = new Set<string>()
    for (const input of INPUTS)
      for (const { snapshot } of explore(input).states.values()) reached.add(stateOf(snapshot))
    expect([...reached].sort()).toEqual([...PAYMENT_STATES].sort())
  })

  it('takes every transition of the machine from some reachable state', () => {
    const taken = new Set<TransitionDefinition>()
    for (const input of INPUTS) {
      for (const { from, event } of explore(input).edges) {
        for (const t of paymentMachine.getTransitionData(from, event)) taken.add(t)
      }
    }
    const missed = allTransitions()
      .filter((t) => !taken.has(t))
      .map(describeTransition)
    expect(missed).toEqual([])
  })

  it('comes back from JSON as it was in every state, and takes every event as before in one state of each kind', () => {
    const reached = new Set<string>()
    for (const input of INPUTS) {
      for (const { snapshot } of explore(input).states.values()) {
        const state = stateOf(snapshot)
        expectRoundTrip(snapshot, !reached.has(state))
        reached.add(state)
      }
    }
    expect([...reached].sort()).toEqual([...PAYMENT_STATES].sort())
  })
})
