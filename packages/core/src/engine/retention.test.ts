import * as Effect from 'effect/Effect'
import * as Layer from 'effect/Layer'
import * as Result from 'effect/Result'
import { describe, expect, it } from 'vitest'
import { createPaychart } from '../paychart/paychart.js'
import { makeMemoryStore } from '../store/memory-store.js'
import { Gateway } from './gateway.js'
import { FINAL_STATES, NOTIFICATION_RETRY_WINDOW_MS, pruneOptionsAt, RetentionInvalid } from './retention.js'

const NOW = Date.UTC(2026, 11, 5, 12)
const DAY = 24 * 60 * 60_000

describe('retention', () => {
  it('prunes the event logs only of the states nothing moves any more', () => {
    expect(FINAL_STATES).toEqual(['refunded', 'cancelled', 'failed', 'expired'])
  })

  it("keeps notification keys for the gateway's whole retry window: 24.4 hours of resends", () => {
    expect(NOTIFICATION_RETRY_WINDOW_MS).toBe(1_462 * 60_000)
  })

  it('keeps a week of done commands and notification keys by default, and every event log', () => {
    expect(pruneOptionsAt(NOW)).toEqual(
      Result.succeed({ doneCommandsBefore: NOW - 7 * DAY, notificationsBefore: NOW - 7 * DAY }),
    )
    expect(pruneOptionsAt(NOW, { keepEventLogsOfFinalPaymentsMs: 90 * DAY })).toEqual(
      Result.succeed({
        doneCommandsBefore: NOW - 7 * DAY,
        notificationsBefore: NOW - 7 * DAY,
        eventLogs: { before: NOW - 90 * DAY, states: FINAL_STATES },
      }),
    )
  })

  it('refuses a retention that would forget notification keys the gateway may still redeliver, naming the option', () => {
    const refused = pruneOptionsAt(NOW, { keepNotificationsMs: 12 * 60 * 60_000 })
    expect(Result.isFailure(refused) && refused.failure).toMatchObject({
      _tag: 'RetentionInvalid',
      field: 'keepNotificationsMs',
    })
    const negative = pruneOptionsAt(NOW, { keepDoneCommandsMs: -1 })
    expect(Result.isFailure(negative) && negative.failure.field).toBe('keepDoneCommandsMs')
    const fractional = pruneOptionsAt(NOW, { keepEventLogsOfFinalPaymentsMs: 0.5 })
    expect(Result.isFailure(fractional) && fractional.failure.field).toBe('keepEventLogsOfFinalPaymentsMs')
  })

  it("through paychart: a declined payment's log goes when asked, the payment stays; a bad retention removes nothing", async () => {
    const declining = Layer.succeed(Gateway, {
      execute: () =>
        Effect.sync(() => ({
          type: 'PAY_ANSWERED' as const,
          at: Date.now(),
          result: { resultStatus: 'F' as const, resultCode: 'DO_NOT_HONOR' },
        })),
    })
    const memory = makeMemoryStore()
    const paychart = createPaychart({ gateway: declining, store: memory.layer, relay: false })
    try {
      const failed = await paychart.createPayment({
        paymentRequestId: 'PAY-PRUNE-1',
        amount: { currency: 'USD', minor: 500 },
        paymentMethodType: 'ALIPAY_CN',
      })
      expect(failed.state).toBe('failed')
      expect((await paychart.timeline('PAY-PRUNE-1')).length).toBeGreaterThan(0)
      await expect(paychart.prune({ keepNotificationsMs: 60_000 })).rejects.toBeInstanceOf(RetentionInvalid)
      expect((await paychart.timeline('PAY-PRUNE-1')).length).toBeGreaterThan(0)

      expect((await paychart.prune()).events).toBe(0)
      await new Promise((resolve) => setTimeout(resolve, 5))
      const report = await paychart.prune({ keepEventLogsOfFinalPaymentsMs: 0 })
      expect(report.events).toBeGreaterThan(0)
      expect(await paychart.timeline('PAY-PRUNE-1')).toEqual([])
      expect(await paychart.status('PAY-PRUNE-1')).toMatchObject({ state: 'failed', version: failed.version })
    } finally {
      await paychart.close()
    }
  })
})
