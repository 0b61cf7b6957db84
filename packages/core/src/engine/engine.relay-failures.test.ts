import { Effect, Layer, Logger, References } from 'effect'
import { TestClock } from 'effect/testing'
import { describe, expect, it } from 'vitest'
import type { PaymentInput } from '../machine/context.js'
import { StoreUnavailable } from '../store/errors.js'
import { makeMemoryStore } from '../store/memory-store.js'
import { PaymentStore, type PaymentStoreShape } from '../store/payment-store.js'
import { collectDomainEvents } from './domain-events.js'
import { CARD_NUMBER, cardSecrets, defaultAnswers, fakeGateway, ok, T0, usd } from './engine.fixtures.js'
import { Engine } from './engine.js'

const LEASE_MS = 30_000
const relay = (owner: string) => ({ owner, leaseMs: LEASE_MS, limit: 50 })
const card = (paymentRequestId: string): PaymentInput => ({
  paymentRequestId,
  amount: usd(1_000),
  paymentMethodType: 'CARD',
  captureMode: 'MANUAL',
})

/**
 * An engine over a memory store and a fake gateway (pay authorizes at once), each able to fail on demand: the gateway
 * adapter dies while sending a capture (its defect's text naming the card), the store is unavailable for a
 * commit or a claim. Logs are kept; the clock is a TestClock at T0.
 */
const setup = () => {
  const memory = makeMemoryStore()
  const faults = {
    /** Captures under these request ids die in the gateway adapter. */
    captureDies: new Set<string>(),
    storeDown: new Set<'commit' | 'claimCommands'>(),
    /** Pay times out: the payment reconciles on a timer. */
    payUnanswered: false,
  }
  const gateway = fakeGateway({
    answers: {
      pay: (command) =>
        faults.payUnanswered
          ? { type: 'GATEWAY_UNANSWERED', operation: 'pay', reason: 'timeout' }
          : { type: 'PAY_ANSWERED', result: ok, paymentId: `P-${command.idempotencyKey}` },
      capture: (command, secrets) => {
        if (command.kind === 'capture' && faults.captureDies.has(command.captureRequestId)) {
          throw new Error(`adapter crashed while sending card ${CARD_NUMBER}`)
        }
        return defaultAnswers.capture(command, secrets)
      },
    },
  })
  const down = (operation: string) => new StoreUnavailable({ operation, reason: 'connection lost' })
  const store: PaymentStoreShape = {
    ...memory.store,
    commit: (commit) => (faults.storeDown.has('commit') ? Effect.fail(down('commit')) : memory.store.commit(commit)),
    claimCommands: (options) =>
      faults.storeDown.has('claimCommands') ? Effect.fail(down('claimCommands')) : memory.store.claimCommands(options),
  }
  const logs: string[] = []
  const logger = Logger.map(Logger.formatJson, (line) => void logs.push(line))
  const layer = Engine.layer.pipe(
    Layer.provide(Layer.mergeAll(Layer.succeed(PaymentStore, store), gateway.layer, collectDomainEvents().layer)),
  )
  const run = <A, E>(effect: Effect.Effect<A, E, Engine>): Promise<A> =>
    Effect.runPromise(
      Effect.gen(function* () {
        yield* TestClock.setTime(T0)
        return yield* effect
      }).pipe(
        Effect.provide(layer),
        Effect.provide(TestClock.layer()),
        Effect.provide(Logger.layer([logger])),
        Effect.provideService(References.MinimumLogLevel, 'All'),
      ),
    )
  /** The stored outbox row of the capture under this request id. */
  const captureRow = (captureRequestId: string) =>
    [...memory.raw.outbox.values()].find(
      (row) => row.command.kind === 'capture' && row.command.captureRequestId === captureRequestId,
    )
  const captureCalls = () => gateway.calls.filter((c) => c.kind === 'capture').map((c) => c.idempotencyKey)
  const failures = () => logs.filter((line) => line.includes('relay: command failed'))
  const reconcileTimer = () => [...memory.raw.timers.values()].find((row) => row.timer === 'reconcile')
  return { faults, run, captureRow, captureCalls, logs, failures, reconcileTimer, gateway }
}

/** An authorized payment whose capture died inline after its commit: the capture waits in the outbox. */
const strandedCapture = (paymentRequestId: string) =>
  Engine.use((engine) =>
    Effect.gen(function* () {
      yield* engine.createPayment(card(paymentRequestId), cardSecrets())
      return yield* Effect.exit(engine.capture(paymentRequestId, { captureRequestId: `${paymentRequestId}-CAP` }))
    }),
  )

describe('the relay when an item fails', () => {
  it('a gateway defect: counted and logged without its text; the lease lapses, another relay runs it again', async () => {
    const w = setup()
    w.faults.captureDies.add('PAY-1-CAP')
    const result = await w.run(
      Engine.use((engine) =>
        Effect.gen(function* () {
          const inline = yield* strandedCapture('PAY-1')
          const whileInline = yield* engine.runRelay(relay('relay-1'))
          yield* TestClock.adjust(LEASE_MS)
          const failed = yield* engine.runRelay(relay('relay-1'))
          const afterFailure = { row: w.captureRow('PAY-1-CAP'), state: (yield* engine.status('PAY-1')).state }
          const whileLeased = yield* engine.runRelay(relay('relay-2'))
          yield* TestClock.adjust(LEASE_MS)
          w.faults.captureDies.clear()
          const recovered = yield* engine.runRelay(relay('relay-2'))
          const afterwards = yield* engine.runRelay(relay('relay-3'))
          return {
            inline,
            whileInline,
            failed,
            afterFailure,
            whileLeased,
            recovered,
            afterwards,
            status: yield* engine.status('PAY-1'),
          }
        }),
      ),
    )
    expect(result.inline._tag).toBe('Failure')
    expect(result.whileInline.commands).toBe(0)
    expect(result.failed).toEqual({ commands: 1, timers: 0, failed: 1 })
    expect(result.afterFailure.state).toBe('capturing')
    expect(result.afterFailure.row).toMatchObject({
      done: false,
      attempts: 2,
      lease: { owner: 'relay-1', leaseUntil: T0 + 2 * LEASE_MS },
    })
    expect(result.whileLeased.commands).toBe(0)
    expect(result.recovered).toEqual({ commands: 1, timers: 0, failed: 0 })
    expect(result.afterwards.commands).toBe(0)
    expect(w.captureRow('PAY-1-CAP')).toMatchObject({ done: true, attempts: 3 })
    expect(result.status).toMatchObject({ state: 'captured', captured: usd(1_000) })
    expect(w.captureCalls()).toEqual(['PAY-1-CAP', 'PAY-1-CAP', 'PAY-1-CAP'])

    expect(w.failures()).toHaveLength(1)
    expect(JSON.parse(w.failures()[0] ?? '{}')).toMatchObject({ annotations: { id: 'PAY-1#2', failure: 'defect' } })
    expect(w.logs.filter((line) => line.includes(CARD_NUMBER) || line.includes('adapter crashed'))).toEqual([])
  })

  it('the store unavailable for the answer’s commit: counted as an error; the call is made again under its id', async () => {
    const w = setup()
    w.faults.captureDies.add('PAY-1-CAP')
    const result = await w.run(
      Engine.use((engine) =>
        Effect.gen(function* () {
          yield* strandedCapture('PAY-1')
          w.faults.captureDies.clear()
          w.faults.storeDown.add('commit')
          yield* TestClock.adjust(LEASE_MS)
          const failed = yield* engine.runRelay(relay('relay-1'))
          const callsWhileDown = w.captureCalls().length
          w.faults.storeDown.clear()
          const stillLeased = yield* engine.runRelay(relay('relay-2'))
          yield* TestClock.adjust(LEASE_MS)
          const recovered = yield* engine.runRelay(relay('relay-2'))
          return { failed, callsWhileDown, stillLeased, recovered, status: yield* engine.status('PAY-1') }
        }),
      ),
    )
    expect(result.failed).toEqual({ commands: 1, timers: 0, failed: 1 })
    expect(result.callsWhileDown).toBe(2)
    expect(result.stillLeased.commands).toBe(0)
    expect(result.recovered).toEqual({ commands: 1, timers: 0, failed: 0 })
    expect(result.status.state).toBe('captured')
    expect(w.captureCalls()).toEqual(['PAY-1-CAP', 'PAY-1-CAP', 'PAY-1-CAP'])
    expect(w.captureRow('PAY-1-CAP')).toMatchObject({ done: true, attempts: 3 })
    expect(JSON.parse(w.failures()[0] ?? '{}')).toMatchObject({ annotations: { id: 'PAY-1#2', failure: 'error' } })
  })

  it('the store unavailable for the claim: the pass fails with StoreUnavailable and claims nothing', async () => {
    const w = setup()
    w.faults.captureDies.add('PAY-1-CAP')
    const result = await w.run(
      Engine.use((engine) =>
        Effect.gen(function* () {
          yield* strandedCapture('PAY-1')
          yield* TestClock.adjust(LEASE_MS)
          w.faults.storeDown.add('claimCommands')
          return yield* Effect.flip(engine.runRelay(relay('relay-1')))
        }),
      ),
    )
    expect(result).toMatchObject({ _tag: 'StoreUnavailable', operation: 'claimCommands' })
    expect(w.captureRow('PAY-1-CAP')).toMatchObject({ attempts: 1, lease: { owner: 'inline' } })
    expect(w.captureCalls()).toEqual(['PAY-1-CAP'])
  })

  it('one failing item does not stop the others in the same pass', async () => {
    const w = setup()
    w.faults.captureDies.add('PAY-1-CAP')
    w.faults.captureDies.add('PAY-2-CAP')
    const result = await w.run(
      Engine.use((engine) =>
        Effect.gen(function* () {
          yield* strandedCapture('PAY-1')
          yield* strandedCapture('PAY-2')
          w.faults.captureDies.delete('PAY-2-CAP')
          yield* TestClock.adjust(LEASE_MS)
          const pass = yield* engine.runRelay(relay('relay-1'))
          return { pass, one: yield* engine.status('PAY-1'), two: yield* engine.status('PAY-2') }
        }),
      ),
    )
    expect(result.pass).toEqual({ commands: 2, timers: 0, failed: 1 })
    expect(result.one.state).toBe('capturing')
    expect(result.two.state).toBe('captured')
    expect(w.captureRow('PAY-1-CAP')).toMatchObject({ done: false, attempts: 2 })
    expect(w.captureRow('PAY-2-CAP')).toMatchObject({ done: true, attempts: 2 })
  })

  it('a fired timer whose commit fails: counted; the timer stays set, and fires once its lease lapses', async () => {
    const w = setup()
    w.faults.payUnanswered = true
    const result = await w.run(
      Engine.use((engine) =>
        Effect.gen(function* () {
          const created = yield* engine.createPayment(card('PAY-1'), cardSecrets())
          yield* TestClock.adjust('61 seconds')
          w.faults.storeDown.add('commit')
          const failed = yield* engine.runRelay(relay('relay-1'))
          const afterFailure = { timer: w.reconcileTimer(), state: (yield* engine.status('PAY-1')).state }
          w.faults.storeDown.clear()
          const whileLeased = yield* engine.runRelay(relay('relay-2'))
          yield* TestClock.adjust(LEASE_MS)
          const fired = yield* engine.runRelay(relay('relay-2'))
          return { created, failed, afterFailure, whileLeased, fired, status: yield* engine.status('PAY-1') }
        }),
      ),
    )
    expect(result.created.state).toBe('reconciling')
    expect(result.failed).toEqual({ commands: 0, timers: 1, failed: 1 })
    expect(result.afterFailure.state).toBe('reconciling')
    expect(result.afterFailure.timer).toMatchObject({ dueAt: T0 + 60_000, lease: { owner: 'relay-1' } })
    expect(w.logs.filter((line) => line.includes('relay: timer failed'))).toHaveLength(1)
    expect(result.whileLeased).toEqual({ commands: 0, timers: 0, failed: 0 })
    expect(result.fired).toEqual({ commands: 0, timers: 1, failed: 0 })
    expect(result.status.state).toBe('authorized')
    expect(w.reconcileTimer()).toBeUndefined()
    expect(w.gateway.kinds()).toEqual(['pay', 'inquiryPayment'])
  })
})
