import { Effect } from 'effect'
import { describe, expect, it } from 'vitest'
import { makeMemoryStore } from '../store/memory-store.js'
import type { PaymentStoreShape } from '../store/payment-store.js'
import { engineOver, ok, redirectedPay, T0, usd, walletInput } from './engine.fixtures.js'
import { Engine, type EngineOptions } from './engine.js'

const wallet = walletInput('PAY-KEPT')
const redirect = redirectedPay('P-KEPT')
const paid = {
  type: 'PAYMENT_NOTIFIED',
  at: T0 + 1_000,
  notifyType: 'PAYMENT_RESULT',
  result: ok,
  paymentRequestId: 'PAY-KEPT',
  paymentId: 'P-KEPT',
  amount: usd(1_000),
} as const
const paidKey = { notificationKey: 'PAYMENT_RESULT:PAY-KEPT:P-KEPT' }
const dashboardRefund = {
  type: 'REFUND_NOTIFIED',
  at: T0 + 2_000,
  paymentRequestId: 'PAY-KEPT',
  refundRequestId: 'DASHBOARD-1',
  result: ok,
  amount: usd(400),
} as const

/** A store that counts the payments read from it. */
const counting = (store: PaymentStoreShape) => {
  let loads = 0
  return {
    loads: () => loads,
    store: {
      ...store,
      load: (id: string) =>
        Effect.suspend(() => {
          loads += 1
          return store.load(id)
        }),
    } as PaymentStoreShape,
  }
}

const run = <A, E>(store: PaymentStoreShape, program: Effect.Effect<A, E, Engine>, options: EngineOptions = {}) =>
  Effect.runPromise(program.pipe(Effect.provide(engineOver(store, { answers: redirect }, options))))

describe('the payments an engine keeps', () => {
  it.each([
    { reads: 'reads nothing from the store when the engine keeps what it wrote', options: {}, loads: 0 },
    { reads: 'reads the payment once when the engine keeps none', options: { recentPayments: 0 }, loads: 1 },
  ])('a notification of a payment the engine just wrote $reads', async ({ options, loads }) => {
    const store = counting(makeMemoryStore().store)
    const outcome = await run(
      store.store,
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* engine.createPayment(wallet)
        const before = store.loads()
        const outcome = yield* engine.handleNotification(paid, paidKey)
        expect(store.loads() - before).toBe(loads)
        return { outcome, state: (yield* engine.status('PAY-KEPT')).state }
      }),
      options,
    )
    expect(outcome).toEqual({ outcome: 'applied', state: 'captured' })
  })

  describe('a copy another instance has moved on since', () => {
    /** Two instances over one store's tables: this engine's store, and the other instance's delivery of `paid`. */
    const twoInstances = () => {
      const memory = makeMemoryStore()
      const other = makeMemoryStore({ shareTablesWith: memory.raw }).store
      const commits: Array<{ readonly expected: number; readonly stored: number }> = []
      const mine: PaymentStoreShape = {
        ...memory.store,
        commit: (commit) =>
          Effect.suspend(() => {
            const stored = memory.raw.payments.get(commit.paymentRequestId)?.version ?? 0
            commits.push({ expected: commit.expectedVersion, stored })
            return memory.store.commit(commit)
          }),
      }
      const paidElsewhere = Effect.promise(() =>
        run(
          other,
          Engine.use((e) => e.handleNotification(paid, paidKey)),
        ),
      )
      /** This engine creates the payment and keeps it; the other instance then settles it: the copy is stale. */
      const keptThenPaidElsewhere = Effect.gen(function* () {
        const engine = yield* Engine
        yield* engine.createPayment(wallet)
        yield* paidElsewhere
        return engine
      })
      return { mine, commits, keptThenPaidElsewhere }
    }

    it('gives a notification the stored payment to settle: one the copy would defer is applied', async () => {
      const { mine, keptThenPaidElsewhere } = twoInstances()
      const outcome = await run(
        mine,
        Effect.gen(function* () {
          // This engine's copy still awaits the customer, where a refund notification must wait.
          const engine = yield* keptThenPaidElsewhere
          const outcome = yield* engine.handleNotification(dashboardRefund, { notificationKey: 'REFUND_RESULT:D-1' })
          return { outcome, refunds: (yield* engine.status('PAY-KEPT')).refunds }
        }),
      )
      expect(outcome.outcome).toBe('applied')
      expect(outcome.refunds).toEqual([expect.objectContaining({ refundRequestId: 'DASHBOARD-1' })])
    })

    it('takes a merchant intent on the stored payment, after one conflict', async () => {
      const { mine, commits, keptThenPaidElsewhere } = twoInstances()
      const refunded = await run(
        mine,
        Effect.gen(function* () {
          const engine = yield* keptThenPaidElsewhere
          commits.length = 0
          return yield* engine.refund('PAY-KEPT', { refundRequestId: 'R-1', amount: usd(300) })
        }),
      )
      expect(refunded.refund).toMatchObject({ refundRequestId: 'R-1' })
      const [stale, fresh] = commits
      expect(stale?.expected).toBeLessThan(stale?.stored ?? 0)
      expect(fresh?.expected).toBe(fresh?.stored)
    })
  })
})
