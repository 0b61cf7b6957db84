import { Effect, Exit } from 'effect'
import { TestClock } from 'effect/testing'
import { describe, expect, it } from 'vitest'
import type { PaymentInput } from '../machine/context.js'
import { cardSecrets, harness, T0, usd } from './engine.fixtures.js'
import { Engine } from './engine.js'

const card: PaymentInput = {
  paymentRequestId: 'PAY-1',
  amount: usd(10_000),
  paymentMethodType: 'CARD',
  captureMode: 'MANUAL',
}
const relay = { owner: 'relay-1', leaseMs: 30_000, limit: 50 }

describe('a pay that times out', () => {
  it('reconciles by inquiry when the relay fires the reconcile timer, not before', async () => {
    const h = harness({ answers: { pay: () => ({ type: 'GATEWAY_UNANSWERED', operation: 'pay', reason: 'timeout' }) } })
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        const created = yield* engine.createPayment(card, cardSecrets())
        const early = yield* engine.runRelay(relay)
        yield* TestClock.adjust('61 seconds')
        const due = yield* engine.runRelay(relay)
        return { created, early, due, status: yield* engine.status('PAY-1') }
      }),
    )
    expect(result.created.state).toBe('reconciling')
    expect(result.early).toEqual({ commands: 0, timers: 0, failed: 0 })
    expect(result.due).toEqual({ commands: 0, timers: 1, failed: 0 })
    expect(result.status.state).toBe('authorized')
    expect(h.gateway.kinds()).toEqual(['pay', 'inquiryPayment'])
    const reconcile = [...h.memory.raw.timers.values()].filter((t) => t.timer === 'reconcile')
    expect(reconcile).toEqual([])
  })
})

describe('a crash between the commit and the gateway call', () => {
  it('loses nothing: a later relay runs the committed capture once, under the same captureRequestId', async () => {
    const h = harness({ crashOnFirst: 'capture' })
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* engine.createPayment(card, cardSecrets())
        yield* engine.customerReturned('PAY-1')
        const crash = yield* Effect.exit(engine.capture('PAY-1', { captureRequestId: 'CAP-1' }))
        const afterCrash = yield* engine.status('PAY-1')
        const whileLeased = yield* engine.runRelay(relay)
        yield* TestClock.adjust('31 seconds')
        const recovered = yield* engine.runRelay(relay)
        const again = yield* engine.runRelay(relay)
        return { crash, afterCrash, whileLeased, recovered, again, status: yield* engine.status('PAY-1') }
      }),
    )
    expect(Exit.isFailure(result.crash)).toBe(true)
    expect(result.afterCrash.state).toBe('capturing')
    expect(result.whileLeased.commands).toBe(0)
    expect(result.recovered).toEqual({ commands: 1, timers: 0, failed: 0 })
    expect(result.again.commands).toBe(0)
    expect(result.status).toMatchObject({ state: 'captured', captured: usd(10_000) })
    expect(h.gateway.calls.filter((c) => c.kind === 'capture').map((c) => c.idempotencyKey)).toEqual(['CAP-1'])
    expect(h.publishedTypes().filter((t) => t === 'readyToShip')).toHaveLength(1)
  })

  it('does not replay a card pay whose card data died with the process: it reconciles by inquiry', async () => {
    const h = harness({ crashOnFirst: 'pay' })
    const crash = await h.run(Effect.exit(Engine.use((engine) => engine.createPayment(card, cardSecrets()))))
    expect(Exit.isFailure(crash)).toBe(true)
    // A new process: a new Engine (and vault) over the same store.
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* TestClock.adjust('31 seconds')
        const report = yield* engine.runRelay(relay)
        return { report, timeline: yield* engine.timeline('PAY-1'), status: yield* engine.status('PAY-1') }
      }),
    )
    expect(result.report).toEqual({ commands: 1, timers: 0, failed: 0 })
    expect(h.gateway.kinds()).toEqual([])
    expect(result.timeline.at(-1)?.event).toEqual({
      type: 'GATEWAY_UNANSWERED',
      at: T0 + 31_000,
      operation: 'pay',
      reason: 'network',
    })
    expect(result.status.state).toBe('reconciling')
  })

  it('relays a pay that needs no card data (a wallet) with its original paymentRequestId', async () => {
    const h = harness({ crashOnFirst: 'pay' })
    const wallet = { ...card, paymentMethodType: 'ALIPAY_CN', captureMode: 'AUTOMATIC' as const }
    await h.run(Effect.exit(Engine.use((engine) => engine.createPayment(wallet))))
    const report = await h.run(
      Effect.gen(function* () {
        yield* TestClock.adjust('31 seconds')
        return yield* Engine.use((engine) => engine.runRelay(relay))
      }),
    )
    expect(report.commands).toBe(1)
    expect(h.gateway.calls.map((c) => [c.kind, c.idempotencyKey])).toEqual([['pay', 'PAY-1']])
  })
})
