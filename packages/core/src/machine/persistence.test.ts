import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { candidateEvents } from './candidate-events.fixtures.js'
import { explore, INPUTS } from './graph.fixtures.js'
import { cardInput, T0 } from './machine.fixtures.js'
import { persistPayment, restorePayment } from './persistence.js'
import { replayable } from './property.fixtures.js'
import { PAYMENT_STATES, stateOf } from './state.js'
import { applyEvent, type PaymentSnapshot, startPayment } from './transitions.js'
import { walk, walks } from './walk.fixtures.js'

const nodeIds = (snapshot: PaymentSnapshot) => snapshot._nodes.map((node) => node.id).sort()

/**
 * Persists `snapshot`, sends it through JSON as a store does, restores it, and compares it with the original; with
 * `stepOn`, also what every candidate event does to each.
 */
const expectRoundTrip = (snapshot: PaymentSnapshot, stepOn: boolean) => {
  const restored = restorePayment(JSON.parse(JSON.stringify(persistPayment(snapshot))))
  expect(restored.value).toEqual(snapshot.value)
  expect(restored.status).toBe(snapshot.status)
  expect(nodeIds(restored)).toEqual(nodeIds(snapshot))
  expect([...restored.tags].sort()).toEqual([...snapshot.tags].sort())
  expect(restored.context).toStrictEqual(snapshot.context)
  if (!stepOn) return
  for (const event of candidateEvents(restored.context, T0 + 1)) {
    const fromRestored = applyEvent(restored, event)
    const fromOriginal = applyEvent(snapshot, event)
    expect(persistPayment(fromRestored.snapshot)).toStrictEqual(persistPayment(fromOriginal.snapshot))
    expect(fromRestored.commands).toStrictEqual(fromOriginal.commands)
  }
}

describe('persisting and restoring a payment', { timeout: 240_000 }, () => {
  it('comes back from JSON as it was, and takes every event as before, in every state', () => {
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

  it('comes back as it was along random walks too', () => {
    fc.assert(
      fc.property(walks, ({ input, choices }) => {
        walk(input, choices, (_before, { snapshot }) => expectRoundTrip(snapshot, false))
      }),
      replayable('persist and restore', 200),
    )
  })

  it('reads a context stored flat by an earlier version, the keys added since taking their defaults', () => {
    const start = startPayment(cardInput()).snapshot
    const persisted = JSON.parse(JSON.stringify(persistPayment(start)))
    const { terms, counts, customer, times, inFlight, cancel, ...top } = persisted.context
    const { capturesRequested: _, ...olderCounts } = counts
    const { inquiryOutstanding: __, ...olderInFlight } = inFlight
    const { earlierCaptures: ___, toldReadyToShip: ____, ...olderTop } = top
    persisted.context = {
      ...olderTop,
      ...terms,
      ...olderCounts,
      ...customer,
      ...times,
      ...olderInFlight,
      ...(cancel.reason === undefined ? {} : { cancelReason: cancel.reason }),
    }
    expect(restorePayment(persisted).context).toStrictEqual(start.context)
  })
})
