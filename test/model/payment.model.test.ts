import { importPublicKey } from '@paychart/antom'
import { webhookRoutes } from '@paychart/hono'
import { assertPaymentProperties, memoryStoreUnderTest } from '@paychart/testkit'
import { Effect } from 'effect'
import { describe, expect, it } from 'vitest'

// Model-based: the real Engine, the real antomGateway (signed both ways) over the simulator's in-process
// transport, the memory store. Merchants create, capture, cancel and refund; buyers pass or fail 3DS, pay or
// abandon wallets, enter right or wrong OTPs; the gateway's notifications are duplicated, reordered, delayed,
// dropped, left unacknowledged; calls time out before and after the gateway acts or lose their connection; the
// process crashes (between handlers, before a call, after the gateway acted) and restarts over the same store;
// several handlers run on one payment at once. After every command and at quiescence: see
// packages/testkit/src/properties/invariants.ts. FC_SEED / FC_PATH replay a failure, FC_RUNS runs longer.
//
// 600 + 400 flows by default; every disagreement fails (the production bugs these properties found are fixed).

const runs = (fallback: number) => (process.env.FC_RUNS === undefined ? fallback : Number(process.env.FC_RUNS))

describe('model: payments against the simulator, memory store', () => {
  it('asyncModelRun: merchant, buyer, gateway, transport faults, crashes, concurrent handlers', async () => {
    const report = await assertPaymentProperties({
      name: 'memory store, asyncModelRun',
      makeStore: memoryStoreUnderTest,
      runs: runs(600),
    })
    console.info(`[model] coverage: ${JSON.stringify(report.coverage)}`)
    expect(report.coverage['payments ending captured'] ?? 0).toBeGreaterThan(0)
    expect(report.coverage.crashes ?? 0).toBeGreaterThan(0)
  }, 180_000)

  it('scheduledModelRun: fast-check chooses how handlers in flight interleave', async () => {
    const report = await assertPaymentProperties({
      name: 'memory store, scheduledModelRun',
      makeStore: memoryStoreUnderTest,
      runs: runs(400),
      scheduled: true,
      size: '=',
    })
    expect(report.runs).toBeGreaterThan(0)
  }, 180_000)

  it('through the Hono webhook routes: signed notifications, acknowledged only once committed', async () => {
    const report = await assertPaymentProperties({
      name: 'memory store, @paychart/hono webhook',
      makeStore: memoryStoreUnderTest,
      runs: runs(200),
      webhook: {
        make: async ({ run, antomPublicKey, clientId, now }) => {
          const key = await Effect.runPromise(importPublicKey(antomPublicKey))
          return webhookRoutes({ run, antomPublicKey: key, clientId, now }).fetch
        },
      },
    })
    expect(report.coverage['notifications queued'] ?? 0).toBeGreaterThan(0)
  }, 180_000)
})
