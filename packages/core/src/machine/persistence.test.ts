import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { candidateEvents } from './candidate-events.fixtures.js'
import type { PaymentContext } from './context.js'
import { explore, INPUTS } from './graph.fixtures.js'
import { withEveryKey } from './initial-context.js'
import { cardInput, T0 } from './machine.fixtures.js'
import { paymentMachine } from './payment-machine.js'
import { persistPayment, restorePayment } from './persistence.js'
import { replayable } from './property.fixtures.js'
import { PAYMENT_STATES, stateOf } from './state.js'
import { applyEvent, type PaymentSnapshot, startPayment } from './step.js'
import { walk, walks } from './walk.fixtures.js'

/** What xstate itself makes of the stored JSON: the reference `restorePayment` must agree with. */
const resolvedByXstate = (snapshot: PaymentSnapshot): PaymentSnapshot => {
  const persisted = paymentMachine.getPersistedSnapshot(snapshot) as unknown as { context: PaymentContext }
  return paymentMachine.resolveState({ ...persisted, context: withEveryKey(persisted.context) } as never)
}

const nodeIds = (snapshot: PaymentSnapshot) => snapshot._nodes.map((node) => node.id).sort()

/**
 * Persists and restores `snapshot` through JSON, as xstate would and as paychart does, and compares the two; with
 * `stepOn`, also what every candidate event does to each.
 */
const expectSameAsXstate = (snapshot: PaymentSnapshot, stepOn: boolean) => {
  const persisted = persistPayment(snapshot)
  expect(persisted).toStrictEqual(paymentMachine.getPersistedSnapshot(snapshot))

  const restored = restorePayment(JSON.parse(JSON.stringify(persisted)))
  const reference = resolvedByXstate(snapshot)
  expect(restored.value).toEqual(reference.value)
  expect(restored.status).toBe(reference.status)
  expect(nodeIds(restored)).toEqual(nodeIds(reference))
  expect([...restored.tags]).toEqual([...reference.tags])
  expect(restored.context).toStrictEqual(reference.context)
  if (!stepOn) return
  for (const event of candidateEvents(restored.context, T0 + 1)) {
    const fromRestored = applyEvent(restored, event)
    const fromReference = applyEvent(reference, event)
    expect(persistPayment(fromRestored.snapshot)).toStrictEqual(persistPayment(fromReference.snapshot))
    expect(fromRestored.commands).toStrictEqual(fromReference.commands)
  }
}

describe('persisting and restoring a payment', { timeout: 60_000 }, () => {
  it("persists as xstate's getPersistedSnapshot and restores as its resolveState, in every state", () => {
    const reached = new Set<string>()
    for (const input of INPUTS) {
      for (const { snapshot } of explore(input).states.values()) {
        const state = stateOf(snapshot)
        expectSameAsXstate(snapshot, !reached.has(state))
        reached.add(state)
      }
    }
    expect([...reached].sort()).toEqual([...PAYMENT_STATES].sort())
  })

  it('agrees with xstate along random walks too', () => {
    fc.assert(
      fc.property(walks, ({ input, choices }) => {
        walk(input, choices, (_before, { snapshot }) => expectSameAsXstate(snapshot, false))
      }),
      replayable('persist and restore', 200),
    )
  })

  it('gives a restored context every key, though the JSON dropped the undefined ones', () => {
    const start = startPayment(cardInput()).snapshot
    const restored = restorePayment(JSON.parse(JSON.stringify(persistPayment(start))))
    expect(Object.keys(restored.context)).toEqual(Object.keys(start.context))
    expect(restored.context).toStrictEqual(start.context)
  })
})
