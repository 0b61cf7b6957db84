import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cardInput } from './machine.fixtures.js'
import { persistPayment, restorePayment } from './persistence.js'
import { replayable } from './property.fixtures.js'
import { expectRoundTrip } from './round-trip.fixtures.js'
import { startPayment } from './transitions.js'
import { walk, walks } from './walk.fixtures.js'

// In every state the exploration reaches, it is tested beside the exploration (payment-machine.graph.test.ts).
describe('persisting and restoring a payment', () => {
  it('comes back as it was along random walks', () => {
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

  it.each([
    ['ahead of counts', 3, 5, 5],
    ['behind counts (commands numbered since)', 7, 5, 7],
  ])('reads the command number 0.1.x kept beside counts after an external refund, %s', (_, inCounts, stray, next) => {
    const start = startPayment(cardInput()).snapshot
    const persisted = JSON.parse(JSON.stringify(persistPayment(start)))
    persisted.context.counts.commandSeq = inCounts
    persisted.context.commandSeq = stray
    const { context } = restorePayment(persisted)
    expect(context.counts.commandSeq).toBe(next)
    expect(context).not.toHaveProperty('commandSeq')
    expect({ ...context, counts: start.context.counts }).toStrictEqual(start.context)
  })
})
