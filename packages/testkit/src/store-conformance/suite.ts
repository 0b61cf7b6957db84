import { describe } from 'vitest'
import { backlog } from './backlog.js'
import { cardData } from './card-data.js'
import { commits } from './commits.js'
import { concurrency } from './concurrency.js'
import { isolation } from './isolation.js'
import { leases } from './leases.js'
import { notifications } from './notifications.js'
import { oneTurn } from './one-turn.js'
import type { Suite, TestPaymentStoreOptions } from './options.js'
import { orders } from './orders.js'
import { outbox } from './outbox.js'
import { retention } from './retention.js'
import { roundTrips } from './round-trips.js'
import { useStore } from './support.js'
import { timers } from './timers.js'

const groups: ReadonlyArray<(suite: Suite) => void> = [
  roundTrips,
  commits,
  concurrency,
  oneTurn,
  outbox,
  leases,
  timers,
  notifications,
  orders,
  retention,
  backlog,
  isolation,
  cardData,
]

/**
 * The `PaymentStore` contract as tests: call it at the top level of a test file with a `make` that returns a
 * fresh, empty store per test and a `RawReader` over what that store really writes.
 */
export const testPaymentStore = (options: TestPaymentStoreOptions): void => {
  const suite: Suite = {
    make: options.make,
    capabilities: options.capabilities,
    forbidden: options.forbidden ?? [],
    racers: options.racers ?? 20,
  }
  describe(`PaymentStore conformance: ${options.name}`, () => {
    for (const group of groups) group(suite)
    if (options.extra !== undefined) {
      const extra = options.extra
      describe(`${options.name}: driver tests`, () => {
        extra({ make: () => useStore(options.make), capabilities: options.capabilities })
      })
    }
  })
}
