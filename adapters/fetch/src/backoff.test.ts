import { Transport } from '@paychart/antom'
import { Effect, Fiber } from 'effect'
import { TestClock } from 'effect/testing'
import { describe, expect, it } from 'vitest'
import { backoffDelayMs } from './backoff.js'
import { fetchTransport } from './fetch-transport.js'
import type { LogEntry } from './log.js'
import { answer, payRequest } from './request.fixtures.js'

const settings = (random: () => number) => ({ baseDelayMs: 200, maxDelayMs: 2_000, random })

describe('backoffDelayMs', () => {
  it('draws from [0, min(max, base * 2^(n-1))): full jitter, exponential, capped', () => {
    const top = settings(() => 0.999_999)
    expect([1, 2, 3, 4, 5, 6, 10, 2_000].map((n) => backoffDelayMs(n, top))).toEqual([
      199, 399, 799, 1_599, 1_999, 1_999, 1_999, 1_999,
    ])
    expect(
      [1, 2, 3, 4].map((n) =>
        backoffDelayMs(
          n,
          settings(() => 0),
        ),
      ),
    ).toEqual([0, 0, 0, 0])
    expect(
      [1, 2, 3].map((n) =>
        backoffDelayMs(
          n,
          settings(() => 0.5),
        ),
      ),
    ).toEqual([100, 200, 400])
  })

  it('stays within bounds for any draw, and clamps a random outside [0, 1)', () => {
    for (let n = 1; n <= 12; n++) {
      for (const draw of [0, 0.1, 0.37, 0.5, 0.99]) {
        const delay = backoffDelayMs(
          n,
          settings(() => draw),
        )
        expect(delay).toBeGreaterThanOrEqual(0)
        expect(delay).toBeLessThanOrEqual(Math.min(2_000, 200 * 2 ** (n - 1)))
      }
    }
    expect(
      backoffDelayMs(
        1,
        settings(() => -3),
      ),
    ).toBe(0)
    expect(
      backoffDelayMs(
        1,
        settings(() => 7),
      ),
    ).toBe(200)
    expect(
      backoffDelayMs(
        1,
        settings(() => Number.NaN),
      ),
    ).toBe(0)
  })

  it('varies with the draw (jitter)', () => {
    const draws = [0.1, 0.6, 0.3]
    const delays = draws.map((d) =>
      backoffDelayMs(
        3,
        settings(() => d),
      ),
    )
    expect(new Set(delays).size).toBe(3)
  })
})

describe('retry delays run on Effect Clock', () => {
  const realTick = Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 5)))

  it('sleeps exactly the jittered delays between attempts under TestClock', async () => {
    let calls = 0
    const log: LogEntry[] = []
    const draws = [0.5, 0.25, 0.9]
    const layer = fetchTransport({
      maxAttempts: 4,
      baseDelayMs: 200,
      maxDelayMs: 500,
      random: () => draws.shift() ?? 0,
      log: (entry) => log.push(entry),
      fetch: async () => {
        calls++
        return new Response(answer('U', 'REQUEST_TRAFFIC_EXCEED_LIMIT'))
      },
    })
    // retry 1: 0.5 * 200, retry 2: 0.25 * 400, retry 3: 0.9 * min(500, 800)
    const expected = [100, 100, 450]
    const program = Effect.gen(function* () {
      const fiber = yield* Effect.forkChild(Transport.use((t) => t.send(payRequest('https://gw.test/pay'))))
      yield* realTick
      expect(calls).toBe(1)
      for (const [index, delay] of expected.entries()) {
        yield* TestClock.adjust(delay - 1)
        yield* realTick
        expect(calls).toBe(index + 1)
        yield* TestClock.adjust(1)
        yield* realTick
        expect(calls).toBe(index + 2)
      }
      return yield* Fiber.join(fiber)
    })
    const response = await Effect.runPromise(program.pipe(Effect.provide(layer), Effect.provide(TestClock.layer())))
    expect(response.body).toBe(answer('U', 'REQUEST_TRAFFIC_EXCEED_LIMIT'))
    expect(log.filter((e) => e.event === 'retry').map((e) => e.delayMs)).toEqual(expected)
    expect(log.at(-1)).toMatchObject({ event: 'response', attempt: 4, durationMs: 650, status: 200 })
  })
})
