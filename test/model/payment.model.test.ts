import { importPublicKey } from '@paychart/antom'
import { webhookRoutes } from '@paychart/hono'
import {
  assertPaymentProperties,
  type CommandFocus,
  memoryStoreUnderTest,
  type PaymentPropertiesReport,
} from '@paychart/testkit'
import { Effect } from 'effect'
import { describe, expect, it } from 'vitest'

// Model-based: the real Engine, the real antomGateway (signed both ways) over the simulator's in-process
// transport, the memory store. Merchants create, capture, cancel and refund (under new ids, again under the same,
// under an id taken for another amount, without ids, several at once on one payment) and refund in the gateway's
// dashboard; buyers pass or fail 3DS, pay or abandon wallets, enter right or wrong OTPs, come back in bursts; the
// gateway's notifications are duplicated, reordered, delayed, dropped, left unacknowledged or preceded by a signed
// twin that lies about the amount, currency or paymentId; calls to every endpoint time out before and after the
// gateway acts, lose their connection, get an unsigned HTTP 500 or a signed answer that lies, or reach it only after
// the client gave up (a pay, a capture, a refund or a cancel that lands late); the process crashes
// (between handlers, before a call, after the gateway acted) and restarts over the same store; several handlers run
// on one payment at once; the notifications move to another instance over the same store and back. After every command and at quiescence: see packages/testkit/src/properties/invariants.ts.
// FC_SEED / FC_PATH replay a failure, FC_RUNS runs longer.
//
// 1,500 + 600 + 800 + 150 + 150 + 400 + 300 + 300 flows by default; every disagreement fails. Each run prints how many flows reached each fault.

const runs = (fallback: number) => (process.env.FC_RUNS === undefined ? fallback : Number(process.env.FC_RUNS))

const printCoverage = (report: PaymentPropertiesReport) =>
  console.info(`[model] ${report.name} coverage:\n${JSON.stringify(report.coverage, null, 1)}`)

/** A focused mix: every property holds, and more than `share` of the flows reach each thing the mix is for. */
const checkMix = async (
  name: string,
  focus: Exclude<CommandFocus, 'everything'>,
  flows: number,
  reaches: ReadonlyArray<readonly [string, number]>,
) => {
  const report = await assertPaymentProperties({
    name: `memory store, ${name}`,
    makeStore: memoryStoreUnderTest,
    runs: runs(flows),
    commands: { focus },
  })
  printCoverage(report)
  for (const [reached, share] of reaches) {
    expect(report.coverage[reached] ?? 0, reached).toBeGreaterThan(report.runs * share)
  }
}

describe('model: payments against the simulator, memory store', () => {
  it('asyncModelRun: merchant, buyer, gateway, transport faults, lies, crashes, concurrent handlers', async () => {
    const report = await assertPaymentProperties({
      name: 'memory store, asyncModelRun',
      makeStore: memoryStoreUnderTest,
      runs: runs(1_500),
    })
    printCoverage(report)
    expect(report.coverage['payments ending captured'] ?? 0).toBeGreaterThan(0)
    expect(report.coverage.crashes ?? 0).toBeGreaterThan(0)
    for (const reached of [
      'flows with racing merchant intents',
      'flows with a fault on refund',
      'flows with a fault on inquiryRefund',
      'flows with an unsigned answer after the gateway acted',
      'flows with a lying answer',
      'flows with a lying notification delivered',
      'flows with a dashboard refund',
      'flows with a late payment result after a cancel',
      'flows with a call that reached the gateway late',
      'Checkout Page sessions paid',
      'flows with notifications handled by another instance',
    ]) {
      expect(report.coverage[reached] ?? 0, reached).toBeGreaterThan(0)
    }
    // Orders with several attempts and races between attempts: hundreds per run (about 250 and 120 in 1,500 flows).
    expect(report.coverage['orders with two or more attempts'] ?? 0).toBeGreaterThan(report.runs * 0.06)
    expect(report.coverage['orders with a race between attempts'] ?? 0).toBeGreaterThan(report.runs * 0.03)
  }, 240_000)

  it('scheduledModelRun: fast-check chooses how handlers in flight interleave', async () => {
    const report = await assertPaymentProperties({
      name: 'memory store, scheduledModelRun',
      makeStore: memoryStoreUnderTest,
      runs: runs(600),
      scheduled: true,
      size: '=',
    })
    printCoverage(report)
    expect(report.runs).toBeGreaterThan(0)
  }, 240_000)

  it(
    'the late-path mix: captures given up, sends landing after that, pays landing after the payment closed',
    () =>
      // What the mix is for, in many flows: about 80 to 100, 11 to 21 and 36 to 69 in 1,000 (seeds 20261122, 5, 6),
      // against a few in the full mix; late successes reversed by a refund, 17 in 1,000 at seed 20261122 since pays
      // land unheard late in the watch (latePayUnheard), 2 to 4 before.
      checkMix('late paths', 'latePaths', 800, [
        ['flows with a capture sent again', 0.03],
        ['flows with a send given up after no trace at the gateway', 0.004],
        ['flows with a success landing after ORDER_NOT_EXIST, cancelled', 0.015],
        ['late successes reversed by a refund', 0.002],
      ]),
    240_000,
  )

  it(
    'the slow-gateway mix: captures and refunds answered after their lease lapsed, a relay passing meanwhile',
    () => checkMix('slow gateway', 'slowGateway', 150, [['flows with a call waiting as its lease lapsed', 0.2]]),
    240_000,
  )

  it(
    'the lost-paymentId mix: a paid payment whose paymentId only a lying notification told',
    // About 37 % of flows reach it (112 of 300 at seed 20261122), against 4 % in the full mix.
    () =>
      checkMix('lost paymentIds', 'lostPaymentIds', 150, [
        ['flows with a paid payment told a wrong paymentId by a notification', 0.2],
      ]),
    240_000,
  )

  it(
    'the refused-cancel mix: a cancel refused because a capture given up had landed',
    // About 7 % of flows reach it, against a refused cancel of this kind once in a thousand or so late-path flows.
    // 400 flows keep the floor (8) far below what random seeds give: 18 to 38 over 25 seeds, where 150 flows gave 3
    // to 17 over 41 and failed CI once at 3.
    () =>
      checkMix('refused cancels', 'refusedCancels', 400, [['flows with a cancel refused for a paid payment', 0.02]]),
    240_000,
  )

  it(
    "the capture-told-first mix: a card's capture told before its own result, refunded while the engine asks for it",
    // A capture told first in 79 to 96 of 300 flows and a full refund before the result in 31 to 45 (random seeds),
    // against 4 or 5 and none in 300 flows of the full or late-path mix (seed 1): this mix catches the four
    // card-result bugs of scripts/bug-injection, refund-ends-card-result-asking in its first 10 flows.
    () =>
      checkMix('capture told first', 'captureToldFirst', 300, [
        ["flows with a capture told before its payment's own result", 0.1],
        ['flows with a card refunded in full before its own result was told', 0.05],
      ]),
    240_000,
  )

  it('through the Hono webhook routes: signed notifications, acknowledged only once committed', async () => {
    const report = await assertPaymentProperties({
      name: 'memory store, @paychart/hono webhook',
      makeStore: memoryStoreUnderTest,
      runs: runs(300),
      webhook: {
        make: async ({ run, antomPublicKey, clientId, now }) => {
          const key = await Effect.runPromise(importPublicKey(antomPublicKey))
          return webhookRoutes({ run, antomPublicKey: key, clientId, now }).fetch
        },
      },
    })
    printCoverage(report)
    expect(report.coverage['notifications queued'] ?? 0).toBeGreaterThan(0)
  }, 240_000)
})
