import { Effect, Layer } from 'effect'
import { describe, expect, it } from 'vitest'
import type { PaymentInput } from '../machine/context.js'
import type { Commit } from '../store/commit.js'
import { VersionConflict } from '../store/errors.js'
import { makeMemoryStore } from '../store/memory-store.js'
import { PaymentStore } from '../store/payment-store.js'
import { collectDomainEvents } from './domain-events.js'
import { cardSecrets, fakeGateway, T0, usd } from './engine.fixtures.js'
import { Engine, type EngineOptions } from './engine.js'

const card: PaymentInput = {
  paymentRequestId: 'PAY-1',
  amount: usd(1_000),
  paymentMethodType: 'CARD',
  captureMode: 'MANUAL',
}

/** What the store's commit does once interference is switched on: before delegating, or instead of it. */
type Interference = (attempt: number, commit: Commit) => Effect.Effect<'delegate' | 'conflict'>

/**
 * An engine over a memory store whose `commit` can be interfered with, once the payment exists; a second engine over
 * the same store, untouched, plays the other writer. Counts the commits tried and written while interfering.
 */
const setup = (engineOptions?: EngineOptions) => {
  const memory = makeMemoryStore()
  const gateway = fakeGateway()
  let interfere: Interference | undefined
  const counts = { tried: 0, written: 0 }
  const store = {
    ...memory.store,
    commit: (commit: Commit) =>
      Effect.gen(function* () {
        if (interfere === undefined) return yield* memory.store.commit(commit)
        counts.tried += 1
        if ((yield* interfere(counts.tried, commit)) === 'conflict') {
          const actualVersion = commit.expectedVersion + 1
          return yield* new VersionConflict({
            paymentRequestId: commit.paymentRequestId,
            expectedVersion: commit.expectedVersion,
            actualVersion,
          })
        }
        const written = yield* memory.store.commit(commit)
        counts.written += 1
        return written
      }),
  }
  const deps = Layer.mergeAll(gateway.layer, collectDomainEvents().layer)
  const engine = (engineOptions === undefined ? Engine.layer : Engine.layerWith(engineOptions)).pipe(
    Layer.provide(Layer.merge(Layer.succeed(PaymentStore, store), deps)),
  )
  const other = Engine.layer.pipe(Layer.provide(Layer.merge(memory.layer, deps)))
  /** The other writer commits an event the machine ignores on this payment: a new version, nothing else. */
  const otherWriter = (n: number) =>
    Effect.asVoid(
      Engine.use((e) => e.handle('PAY-1', { type: 'OTP_SUBMITTED', at: T0, verifyRequestId: `RACE-${n}` })).pipe(
        Effect.provide(other),
        Effect.orDie,
      ),
    )
  const run = <A, E>(effect: Effect.Effect<A, E, Engine>) => Effect.runPromise(effect.pipe(Effect.provide(engine)))
  const start = async (interference: Interference) => {
    await run(Engine.use((e) => e.createPayment(card, cardSecrets())))
    interfere = interference
  }
  const log = () => Effect.runPromise(memory.store.events('PAY-1')).then((entries) => entries.map((e) => e.event.type))
  return { run, start, counts, log, otherWriter, gateway }
}

describe('version conflicts on commit', () => {
  it.each([
    [undefined, 20],
    [1, 1],
    [4, 4],
  ])(
    'a store that always reports a conflict: TooManyConflicts after maxConflictRetries (%s) commits, nothing written',
    async (max, expected) => {
      const w = setup(max === undefined ? undefined : { maxConflictRetries: max })
      await w.start(() => Effect.succeed('conflict'))
      const error = await w.run(Effect.flip(Engine.use((e) => e.customerReturned('PAY-1'))))
      expect(error).toMatchObject({ _tag: 'TooManyConflicts', paymentRequestId: 'PAY-1', attempts: expected })
      expect(w.counts).toEqual({ tried: expected, written: 0 })
      expect(await w.log()).toEqual(['SUBMIT', 'PAY_ANSWERED'])
      expect(w.gateway.kinds()).toEqual(['pay'])
    },
  )

  it('a racing writer that always commits first: TooManyConflicts, and only its events are in the log', async () => {
    const w = setup({ maxConflictRetries: 3 })
    await w.start((attempt) => Effect.as(w.otherWriter(attempt), 'delegate'))
    const error = await w.run(Effect.flip(Engine.use((e) => e.customerReturned('PAY-1'))))
    expect(error).toMatchObject({ _tag: 'TooManyConflicts', attempts: 3 })
    expect(w.counts).toEqual({ tried: 3, written: 0 })
    expect(await w.log()).toEqual(['SUBMIT', 'PAY_ANSWERED', 'OTP_SUBMITTED', 'OTP_SUBMITTED', 'OTP_SUBMITTED'])
    expect(w.gateway.kinds()).toEqual(['pay'])
  })

  it('a writer that commits first once: the event is retried on the new version and committed once', async () => {
    const w = setup({ maxConflictRetries: 3 })
    await w.start((attempt) => Effect.as(attempt === 1 ? w.otherWriter(attempt) : Effect.void, 'delegate'))
    const status = await w.run(Engine.use((e) => e.customerReturned('PAY-1')))
    expect(status.state).toBe('authorized')
    // CUSTOMER_RETURNED: tried twice, written once; then the inquiry's answer, written at once.
    expect(w.counts).toEqual({ tried: 3, written: 2 })
    expect(await w.log()).toEqual(['SUBMIT', 'PAY_ANSWERED', 'OTP_SUBMITTED', 'CUSTOMER_RETURNED', 'INQUIRY_ANSWERED'])
    expect(w.gateway.kinds()).toEqual(['pay', 'inquiryPayment'])
  })
})
