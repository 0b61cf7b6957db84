import { Effect } from 'effect'
import { describe, expect, it } from 'vitest'
import type { NotificationEvent } from '../machine/events.js'
import { makeMemoryStore } from '../store/memory-store.js'
import type { PaymentStoreShape } from '../store/payment-store.js'
import { engineOver, ok, redirectedPay, T0, usd, walletInput } from './engine.fixtures.js'
import { Engine } from './engine.js'

const wallet = walletInput('PAY-RACE')
const redirect = redirectedPay('P-RACE')
const notification: NotificationEvent & { readonly paymentRequestId: string } = {
  type: 'PAYMENT_NOTIFIED',
  at: T0 + 1_000,
  notifyType: 'PAYMENT_RESULT',
  result: ok,
  paymentRequestId: 'PAY-RACE',
  paymentId: 'P-RACE',
  amount: usd(1_000),
}
const options = { notificationKey: 'PAYMENT_RESULT:PAY-RACE:P-RACE' }

type Racing = (store: PaymentStoreShape, race: Effect.Effect<void>) => PaymentStoreShape

/** Around this instance's reads of the payment (it keeps none in memory), the other one delivers it to the end. */
const aroundLoad: Racing = (store, race) => ({
  ...store,
  load: (id) => Effect.andThen(race, store.load(id)),
})

/** Just before this instance commits from the copy it kept, the other one delivers it to the end. */
const aroundCommit: Racing = (store, race) => ({
  ...store,
  commit: (commit) => Effect.andThen(race, store.commit(commit)),
})

describe.each([
  { when: 'reading the payment', racing: aroundLoad, engineOptions: { recentPayments: 0 } },
  { when: 'committing from its kept copy of the payment', racing: aroundCommit, engineOptions: {} },
])('one notification delivered to two instances at once', ({ when, racing, engineOptions }) => {
  it(`is applied once when the other delivery commits between this one ${when} and checking the key`, async () => {
    const memory = makeMemoryStore()
    const sibling = makeMemoryStore({ shareTablesWith: memory.raw }).store
    const otherDelivery = Engine.use((engine) => engine.handleNotification(notification, options)).pipe(
      Effect.provide(engineOver(sibling, { answers: redirect })),
    )
    let armed = false
    let raced = false
    const race = Effect.suspend(() => {
      if (!armed || raced) return Effect.void
      raced = true
      return Effect.asVoid(Effect.orDie(otherDelivery))
    })
    const outcome = await Effect.runPromise(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* engine.createPayment(wallet)
        armed = true
        return yield* engine.handleNotification(notification, options)
      }).pipe(Effect.provide(engineOver(racing(memory.store, race), { answers: redirect }, engineOptions))),
    )
    expect(raced).toBe(true)
    expect(outcome).toBe('duplicate')
    const notified = (memory.raw.events.get('PAY-RACE') ?? []).filter((e) => e.event.type === 'PAYMENT_NOTIFIED')
    expect(notified).toHaveLength(1)
  })
})
