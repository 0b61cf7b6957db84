import { Effect } from 'effect'
import { TestClock } from 'effect/testing'
import { describe, expect, it } from 'vitest'
import type { PaymentInput } from '../machine/context.js'
import { cardSecrets, harness, T0, usd } from './engine.fixtures.js'
import { Engine } from './engine.js'

const card: PaymentInput = {
  paymentRequestId: 'PAY-T',
  amount: usd(10_000),
  paymentMethodType: 'CARD',
  captureMode: 'MANUAL',
}
const unanswered = { pay: () => ({ type: 'GATEWAY_UNANSWERED', operation: 'pay', reason: 'timeout' }) as const }
const stillPending = {
  inquiryPayment: () =>
    ({
      type: 'INQUIRY_ANSWERED',
      result: { resultStatus: 'S', resultCode: 'SUCCESS' },
      paymentStatus: 'PROCESSING',
    }) as const,
}

describe('a timer claimed by a relay and then moved by a commit', () => {
  it('does not fire at its old time, and the moved timer stays set', async () => {
    const h = harness({ answers: { ...unanswered, ...stillPending } })
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* engine.createPayment(card, cardSecrets())
        const claimedDueAt = [...h.memory.raw.timers.values()].find((t) => t.timer === 'reconcile')?.dueAt ?? 0
        // Another relay fired it first (this one's lease lapsed): the inquiry, still processing, moved it later.
        yield* TestClock.adjust('61 seconds')
        yield* engine.runRelay({ owner: 'relay-b', leaseMs: 30_000, limit: 10 })
        const movedTo = [...h.memory.raw.timers.values()].find((t) => t.timer === 'reconcile')?.dueAt
        const stale = yield* engine.handle(
          'PAY-T',
          { type: 'TIMER_FIRED', timer: 'reconcile', at: T0 + 61_000 },
          { firedTimer: 'reconcile', firedDueAt: claimedDueAt },
        )
        const after = [...h.memory.raw.timers.values()].find((t) => t.timer === 'reconcile')?.dueAt
        return { claimedDueAt, movedTo, stale, after }
      }),
    )
    expect(result.movedTo).toBeGreaterThan(result.claimedDueAt)
    expect(result.stale._tag).toBe('TimerMoved')
    expect(result.after).toBe(result.movedTo)
    expect(h.gateway.kinds()).toEqual(['pay', 'inquiryPayment'])
  })

  it('fires when it is still set as it was claimed', async () => {
    const h = harness({ answers: unanswered })
    const result = await h.run(
      Effect.gen(function* () {
        const engine = yield* Engine
        yield* engine.createPayment(card, cardSecrets())
        const dueAt = [...h.memory.raw.timers.values()].find((t) => t.timer === 'reconcile')?.dueAt ?? 0
        yield* TestClock.adjust('61 seconds')
        return yield* engine.handle(
          'PAY-T',
          { type: 'TIMER_FIRED', timer: 'reconcile', at: T0 + 61_000 },
          { firedTimer: 'reconcile', firedDueAt: dueAt },
        )
      }),
    )
    expect(result._tag).toBe('Committed')
    expect(h.gateway.kinds()).toEqual(['pay', 'inquiryPayment'])
  })
})
