import { collectDomainEvents, Engine, type ExecutableCommand, Gateway, PaymentStore } from '@paychart/core'
import type { PaymentEvent } from '@paychart/core/machine'
import type { PaymentStoreShape } from '@paychart/core/store'
import * as Effect from 'effect/Effect'
import * as Layer from 'effect/Layer'
import * as Redacted from 'effect/Redacted'
import * as Result from 'effect/Result'
import { describe, expect, it } from 'vitest'
import type { Suite } from './options.js'
import { nth, secondClient, skipNote, useStore } from './support.js'

const ORDER = 'ORD-CONFORMANCE'
const amount = { currency: 'USD' as const, minor: 2_400 }
const secrets = { cardMetaData: Redacted.make({ cardNo: '4054695723100768', cvv: '737' }) }

/** Pays sent, by paymentRequestId. */
const pays = new Map<string, number>()

/** The buyer is sent to 3DS on every pay (the attempt stays open); every cancel succeeds. Counts the pays. */
const challengingGateway = Layer.succeed(Gateway, {
  execute: (command: ExecutableCommand) =>
    Effect.sync(() => {
      if (command.kind === 'pay') pays.set(command.paymentRequestId, (pays.get(command.paymentRequestId) ?? 0) + 1)
    }).pipe(
      Effect.as(
        (command.kind === 'cancel'
          ? { type: 'CANCEL_ANSWERED', at: Date.now(), result: { resultStatus: 'S', resultCode: 'SUCCESS' } }
          : {
              type: 'PAY_ANSWERED',
              at: Date.now(),
              result: { resultStatus: 'U', resultCode: 'PAYMENT_IN_PROCESS' },
              nextAction: { kind: 'threeDS', url: 'https://acs.example/3ds' },
            }) as PaymentEvent,
      ),
    ),
})

const engineOver = (store: PaymentStoreShape) =>
  Engine.layer.pipe(
    Layer.provide(Layer.mergeAll(Layer.succeed(PaymentStore, store), challengingGateway, collectDomainEvents().layer)),
  )

const startNext = (store: PaymentStoreShape) =>
  Effect.result(
    Engine.use((engine) => engine.startAttempt(ORDER, { amount, paymentMethodType: 'CARD' }, secrets)).pipe(
      Effect.provide(engineOver(store)),
    ),
  )

/**
 * `racers` engines over `stores` start the order's next attempt at once, `rounds` times: one attempt per round, sent
 * once. Each racer answers that attempt (one made it; others may find it a draft and submit it first, or answer it as
 * submitted) or is refused as open.
 */
const raceAttempts = async (stores: ReadonlyArray<PaymentStoreShape>, racers: number, rounds: number) => {
  pays.clear()
  for (let round = 1; round <= rounds; round++) {
    const results = await Effect.runPromise(
      Effect.all(
        Array.from({ length: racers }, (_, i) => startNext(nth(stores, i % stores.length))),
        { concurrency: 'unbounded' },
      ),
    )
    const started = [
      ...new Set(results.flatMap((result) => (Result.isSuccess(result) ? [result.success.paymentRequestId] : []))),
    ]
    expect(started).toEqual([`${ORDER}-attempt-${round}`])
    expect(pays.get(`${ORDER}-attempt-${round}`)).toBe(1)
    for (const result of results) {
      if (Result.isFailure(result)) {
        expect(result.failure).toMatchObject({ _tag: 'OrderAttemptRefused', reason: 'attemptOpen' })
      }
    }
    // The buyer chose not to go on: cancelled, the attempt closes and the next may start.
    await Effect.runPromise(
      Engine.use((engine) => engine.cancel(nth(started, 0))).pipe(Effect.provide(engineOver(nth(stores, 0)))),
    )
  }
  const order = await Effect.runPromise(
    Engine.use((engine) => engine.order(ORDER)).pipe(Effect.provide(engineOver(nth(stores, 0)))),
  )
  expect(order.attempts.map((a) => [a.paymentRequestId, a.state, a.order?.attempt])).toEqual(
    Array.from({ length: rounds }, (_, i) => [`${ORDER}-attempt-${i + 1}`, 'cancelled', i + 1]),
  )
  expect(order).toMatchObject({ state: 'retryable', next: { attempt: rounds + 1 } })
}

/**
 * An order is its attempts: payments under `<order>-attempt-<n>`, the next made only once the one before closed. The
 * store's create is what lets exactly one of several engines starting the same attempt make it, and the commit's
 * compare-and-set what lets one submit it.
 */
export const orders = ({ make, capabilities, racers }: Suite) => {
  describe('orders: attempts', () => {
    it(`makes each attempt of an order once, sent once, when ${racers} engines start it at once, and reads the attempts back in order`, async () => {
      const { store, raw } = await useStore(make)
      await raceAttempts([store], racers, 3)
      expect(await raw.payment(`${ORDER}-attempt-3`)).toMatchObject({ state: 'cancelled' })
      expect(await raw.payment(`${ORDER}-attempt-4`)).toBeUndefined()
    })
  })

  const note = skipNote(capabilities.concurrentWriters, 'capabilities.concurrentWriters is off: one client only')
  describe.skipIf(!capabilities.concurrentWriters)(`orders: attempts from two clients${note}`, () => {
    it(`makes each attempt once, sent once, when ${racers} engines over two clients start it at once`, async () => {
      const made = await useStore(make)
      await raceAttempts([made.store, await secondClient(made)], racers, 2)
    })
  })
}
