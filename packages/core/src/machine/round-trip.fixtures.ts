import { expect } from 'vitest'
import { candidateEvents } from './candidate-events.fixtures.js'
import { T0 } from './machine.fixtures.js'
import { persistPayment, restorePayment } from './persistence.js'
import { applyEvent, type PaymentSnapshot } from './transitions.js'

const nodeIds = (snapshot: PaymentSnapshot) => snapshot._nodes.map((node) => node.id).sort()

/**
 * Persists `snapshot`, sends it through JSON as a store does, restores it, and compares it with the original; with
 * `stepOn`, also what every candidate event does to each.
 */
export const expectRoundTrip = (snapshot: PaymentSnapshot, stepOn: boolean) => {
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
