import { Effect, Redacted } from 'effect'
import { TestClock } from 'effect/testing'
import { describe, expect, it } from 'vitest'
import type { PaymentInput } from '../machine/context.js'
import { CARD_NUMBER, CVV, cardSecrets, harness, inProcess, ok, T0, usd } from './engine.fixtures.js'
import { Engine } from './engine.js'
import { makeSecretVault } from './secret-vault.js'

const card: PaymentInput = {
  paymentRequestId: 'PAY-1',
  amount: usd(10_000),
  paymentMethodType: 'CARD',
  captureMode: 'MANUAL',
}
const relay = (owner: string) => ({ owner, leaseMs: 30_000, limit: 50 })
const paid = {
  type: 'PAYMENT_NOTIFIED',
  notifyType: 'PAYMENT_RESULT',
  at: T0 + 60_000,
  result: ok,
  paymentId: 'P-PAY-1',
} as const

describe('races on one payment', () => {
  it('a notification, the customer’s return and relays end in one state, with one capture call at most', async () => {
    const h = harness()
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* engine.createPayment(card, cardSecrets())
        yield* TestClock.adjust('61 seconds')
        yield* Effect.all(
          [
            engine.handleNotification(paid, { notificationKey: 'PAYMENT_RESULT/PAY-1' }),
            Effect.exit(engine.customerReturned('PAY-1')),
            engine.runRelay(relay('relay-1')),
            engine.runRelay(relay('relay-2')),
          ],
          { concurrency: 'unbounded' },
        )
        const authorized = yield* engine.status('PAY-1')
        yield* Effect.all(
          [
            Effect.exit(engine.capture('PAY-1', { captureRequestId: 'CAP-1' })),
            Effect.exit(engine.capture('PAY-1', { captureRequestId: 'CAP-1' })),
            engine.runRelay(relay('relay-1')),
            engine.handleNotification(
              {
                type: 'CAPTURE_NOTIFIED',
                at: T0 + 62_000,
                paymentRequestId: 'PAY-1',
                captureRequestId: 'CAP-1',
                result: ok,
              },
              { notificationKey: 'CAPTURE_RESULT/CAP-1' },
            ),
          ],
          { concurrency: 'unbounded' },
        )
        yield* TestClock.adjust('31 seconds')
        yield* engine.runRelay(relay('relay-3'))
        return { authorized, final: yield* engine.status('PAY-1'), timeline: yield* engine.timeline('PAY-1') }
      }),
    )
    expect(result.authorized.state).toBe('authorized')
    expect(result.final).toMatchObject({ state: 'captured', captured: usd(10_000) })
    expect(h.gateway.kinds().filter((k) => k === 'capture').length).toBeLessThanOrEqual(1)
    expect(h.gateway.kinds().filter((k) => k === 'pay')).toHaveLength(1)
    expect(h.publishedTypes().filter((t) => t === 'authorized')).toHaveLength(1)
    expect(h.publishedTypes().filter((t) => t === 'readyToShip')).toHaveLength(1)
    const versions = result.timeline.map((e) => e.version)
    expect(versions).toEqual(versions.map((_, i) => i + 2))
    expect([...h.memory.raw.outbox.values()].every((row) => row.done)).toBe(true)
  })
})

describe('notifications', () => {
  it('applies a notification once: a redelivery is a duplicate with no second transition', async () => {
    const h = harness()
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* engine.createPayment(card, cardSecrets())
        const first = yield* engine.handleNotification(paid, { notificationKey: 'K-1' })
        const length = (yield* engine.timeline('PAY-1')).length
        const second = yield* engine.handleNotification(paid, { notificationKey: 'K-1' })
        return { first, second, length, after: (yield* engine.timeline('PAY-1')).length }
      }),
    )
    expect([result.first, result.second]).toEqual(['applied', 'duplicate'])
    expect(result.after).toBe(result.length)
    expect(h.publishedTypes().filter((t) => t === 'authorized')).toHaveLength(1)
  })

  it('records a notification for an unknown payment for review and answers unmatched', async () => {
    const h = harness()
    const outcome = await h.run(
      Engine.use((engine) =>
        engine.handleNotification({ ...paid, paymentId: 'P-NOBODY' }, { notificationKey: 'K-9', body: '{"x":1}' }),
      ),
    )
    expect(outcome).toBe('unmatched')
    expect(h.memory.raw.unmatched.get('K-9')).toMatchObject({
      key: 'K-9',
      notifyType: 'PAYMENT_RESULT',
      body: '{"x":1}',
    })
    expect(h.memory.raw.notifications.size).toBe(0)
  })

  it('finds a payment by paymentRequestId and keeps the event’s JSON when no body is given', async () => {
    const h = harness()
    const outcome = await h.run(
      Engine.use((engine) =>
        engine.handleNotification(
          { type: 'REFUND_NOTIFIED', at: T0, paymentRequestId: 'GONE', refundRequestId: 'R', result: ok },
          { notificationKey: 'K-R' },
        ),
      ),
    )
    expect(outcome).toBe('unmatched')
    expect(h.memory.raw.unmatched.get('K-R')).toMatchObject({ paymentRequestId: 'GONE', notifyType: 'REFUND_RESULT' })
  })
})

describe('secrets', () => {
  it('never reach the store or the logs, and leave the vault once used', async () => {
    const vault = makeSecretVault()
    const h = harness({
      engine: { vault },
      answers: {
        pay: () => ({ type: 'PAY_ANSWERED', result: inProcess, paymentId: 'P-1', nextAction: { kind: 'otp' } }),
      },
    })
    const status = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* engine.createPayment(card, cardSecrets())
        yield* engine.submitOtp('PAY-1', 'V-1', Redacted.make('987654'))
        return yield* engine.submitOtp('PAY-1', 'V-2', Redacted.make('123456'))
      }),
    )
    expect(status.state).toBe('authorized')
    expect(h.gateway.calls.map((c) => c.hadSecrets)).toEqual([true, true, true])
    const dump = JSON.stringify(h.memory.raw, (_key, value) => (value instanceof Map ? [...value.entries()] : value))
    const logs = h.logs.join('\n')
    expect(dump).toContain('PAY-1')
    expect(logs).toContain('payment event committed')
    for (const secret of [CARD_NUMBER, CVV, '987654', '123456']) {
      expect(dump).not.toContain(secret)
      expect(logs).not.toContain(secret)
    }
    expect(vault.size()).toBe(0)
  })
})
