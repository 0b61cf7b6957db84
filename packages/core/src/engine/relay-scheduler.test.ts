import { Effect, Layer } from 'effect'
import { TestClock } from 'effect/testing'
import { describe, expect, it } from 'vitest'
import type { PaymentInput } from '../machine/context.js'
import { StoreUnavailable } from '../store/errors.js'
import { makeMemoryStore } from '../store/memory-store.js'
import { PaymentStore, type PaymentStoreShape } from '../store/payment-store.js'
import { collectDomainEvents } from './domain-events.js'
import { cardSecrets, fakeGateway, harness, usd } from './engine.fixtures.js'
import { Engine } from './engine.js'
import { RelayScheduler } from './relay-scheduler.js'

const card: PaymentInput = {
  paymentRequestId: 'PAY-S',
  amount: usd(5_000),
  paymentMethodType: 'CARD',
  captureMode: 'MANUAL',
}
const unanswered = { pay: () => ({ type: 'GATEWAY_UNANSWERED', operation: 'pay', reason: 'timeout' }) as const }

describe('RelayScheduler', () => {
  it('runs the relay again and again while its scope is open: a due reconcile timer fires without a call', async () => {
    const h = harness({ answers: unanswered })
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        const scheduler = yield* RelayScheduler
        yield* engine.createPayment(card, cardSecrets())
        const before = yield* engine.status('PAY-S')
        yield* TestClock.adjust('59 seconds')
        const early = h.gateway.kinds()
        yield* TestClock.adjust('3 seconds')
        return { before, early, after: yield* engine.status('PAY-S'), passes: scheduler.passes() }
      }).pipe(Effect.provide(RelayScheduler.layer({ every: '1 second', owner: 'relay-s' }))),
    )
    expect(result.before.state).toBe('reconciling')
    expect(result.early).toEqual(['pay'])
    expect(result.after.state).toBe('authorized')
    expect(h.gateway.kinds()).toEqual(['pay', 'inquiryPayment'])
    expect(result.passes).toBeGreaterThanOrEqual(60)
  })

  /** Passes completed over 5 seconds with the store broken by `breakStore`, then over 5 more with it mended. */
  const passesAround = (
    breakStore: (store: PaymentStoreShape, broken: () => boolean) => Partial<PaymentStoreShape>,
  ): Promise<{ whileBroken: number; after: number }> => {
    const memory = makeMemoryStore()
    let broken = true
    const store = Layer.succeed(PaymentStore, { ...memory.store, ...breakStore(memory.store, () => broken) })
    const layer = RelayScheduler.layer({ every: '1 second' }).pipe(
      Layer.provideMerge(Engine.layer),
      Layer.provide(Layer.mergeAll(store, fakeGateway().layer, collectDomainEvents().layer)),
    )
    return Effect.runPromise(
      Effect.gen(function* () {
        const scheduler = yield* RelayScheduler
        yield* TestClock.adjust('5 seconds')
        const whileBroken = scheduler.passes()
        broken = false
        yield* TestClock.adjust('5 seconds')
        return { whileBroken, after: scheduler.passes() }
      }).pipe(Effect.provide(layer), Effect.provide(TestClock.layer())),
    )
  }

  it('keeps going when a pass fails because the store is down', async () => {
    const passes = await passesAround((store, down) => ({
      claimCommands: (claim) =>
        down()
          ? Effect.fail(new StoreUnavailable({ operation: 'claimCommands', reason: 'disk full' }))
          : store.claimCommands(claim),
    }))
    expect(passes.whileBroken).toBe(0)
    expect(passes.after).toBeGreaterThanOrEqual(5)
  })

  it('keeps going when a pass dies on a defect in the store adapter', async () => {
    const passes = await passesAround((store, broken) => ({
      claimTimers: (claim) => (broken() ? Effect.die(new Error('adapter bug')) : store.claimTimers(claim)),
    }))
    expect(passes.whileBroken).toBe(0)
    expect(passes.after).toBeGreaterThanOrEqual(5)
  })
})
