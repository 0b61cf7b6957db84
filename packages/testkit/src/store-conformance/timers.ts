import type { PaymentStoreShape } from '@paychart/core/store'
import { describe, expect, it } from 'vitest'
import { commitEvent, T0 } from './flow.js'
import type { Suite } from './options.js'
import { submitted } from './outbox.js'
import { cardFlow } from './scripts.js'
import { byKey, nth, run, useStore } from './support.js'

const EXPIRY = 14 * 60_000
const byTimer = byKey((row: { paymentRequestId: string; timer: string }) => `${row.paymentRequestId}/${row.timer}`)
const rows = (timers: ReadonlyArray<{ paymentRequestId: string; timer: string; dueAt: number }>) =>
  byTimer(timers).map((t) => [t.paymentRequestId, t.timer, t.dueAt])

/** The card flow up to the 3DS challenge: timers paymentExpiry and reconcile pending. */
const challenged = async (store: PaymentStoreShape, paymentRequestId: string) => {
  const flow = cardFlow(paymentRequestId)
  await run(store.create(flow.payment))
  await run(store.commit(nth(flow.commits, 0)))
  await run(store.commit(nth(flow.commits, 1)))
  return { flow, draft: nth(flow.drafts, 1) }
}

export const timers = ({ make, capabilities }: Suite) =>
  describe('timers', () => {
    it('schedules the timers a commit sets: pendingTimers and the rows show them', async () => {
      const { store, raw } = await useStore(make)
      await challenged(store, 'PAY-TM-1')
      const expected = [
        ['PAY-TM-1', 'paymentExpiry', T0 + EXPIRY],
        ['PAY-TM-1', 'reconcile', T0 + 61_000],
      ]
      expect(rows(await raw.timers())).toEqual(expected)
      expect(rows(await run(store.pendingTimers('PAY-TM-1')))).toEqual(expected)
      expect(await run(store.pendingTimers('PAY-TM-NONE'))).toEqual([])
    })

    it('replaces a timer scheduled again: one row, the new time', async () => {
      const { store, raw } = await useStore(make)
      const { draft } = await challenged(store, 'PAY-TM-2')
      const moved = commitEvent(
        draft,
        { type: 'CUSTOMER_RETURNED', at: T0 + 2_000 },
        {
          scheduleTimers: [{ paymentRequestId: 'PAY-TM-2', timer: 'paymentExpiry', dueAt: T0 + 2 * EXPIRY }],
        },
      )
      await run(store.commit(moved.commit))
      expect(rows(await raw.timers())).toEqual([
        ['PAY-TM-2', 'paymentExpiry', T0 + 2 * EXPIRY],
        ['PAY-TM-2', 'reconcile', T0 + 61_000],
      ])
    })

    it('cancels the timers a commit clears, and only that payment’s', async () => {
      const { store, raw } = await useStore(make)
      const { flow } = await challenged(store, 'PAY-TM-3')
      await submitted(store, 'PAY-TM-4')
      await run(store.commit(nth(flow.commits, 2)))
      const authorized = nth(flow.commits, 3)
      expect(authorized.cancelTimers).toEqual(['paymentExpiry', 'reconcile'])
      await run(store.commit(authorized))
      const deadline = nth(authorized.scheduleTimers, 0).dueAt
      expect(rows(await raw.timers())).toEqual([
        ['PAY-TM-3', 'captureDeadline', deadline],
        ['PAY-TM-4', 'paymentExpiry', T0 + EXPIRY],
      ])
      expect(rows(await run(store.pendingTimers('PAY-TM-3')))).toEqual([['PAY-TM-3', 'captureDeadline', deadline]])
    })

    it('removes the fired timer with the commit of its TIMER_FIRED event', async () => {
      const { store, raw } = await useStore(make)
      const submit = await submitted(store, 'PAY-TM-5')
      const fired = commitEvent(
        submit.next,
        { type: 'TIMER_FIRED', at: T0 + EXPIRY, timer: 'paymentExpiry' },
        {
          firedTimer: 'paymentExpiry',
        },
      )
      expect(fired.commit.scheduleTimers.map((t) => t.timer)).not.toContain('paymentExpiry')
      await run(store.commit(fired.commit))
      const left = rows(fired.commit.scheduleTimers)
      expect(rows(await raw.timers())).toEqual(left)
      expect(rows(await run(store.pendingTimers('PAY-TM-5')))).toEqual(left)
    })

    it('keeps the fired timer, at its new time, when the same commit schedules it again', async () => {
      const { store, raw } = await useStore(make)
      const { draft } = await challenged(store, 'PAY-TM-6')
      const fired = commitEvent(
        draft,
        { type: 'TIMER_FIRED', at: T0 + 61_000, timer: 'reconcile' },
        {
          firedTimer: 'reconcile',
        },
      )
      const again = nth(fired.commit.scheduleTimers, 0)
      expect(again).toMatchObject({ timer: 'reconcile' })
      await run(store.commit(fired.commit))
      expect(rows(await raw.timers())).toEqual([
        ['PAY-TM-6', 'paymentExpiry', T0 + EXPIRY],
        ['PAY-TM-6', 'reconcile', again.dueAt],
      ])
    })

    it('claims only due timers (dueAt <= now), soonest first, at most `limit`', async () => {
      const scene = async () => {
        const made = await useStore(make)
        await submitted(made.store, 'PAY-TM-7', T0 + 2_000)
        await submitted(made.store, 'PAY-TM-8', T0)
        await submitted(made.store, 'PAY-TM-9', T0 + 1_000)
        await submitted(made.store, 'PAY-TM-0', T0 + 9_000)
        return made
      }
      const claim = (store: PaymentStoreShape, now: number, limit: number) =>
        run(store.claimTimers({ now, owner: 'relay-a', leaseMs: 30_000, limit })).then((ts) =>
          ts.map((t) => [t.paymentRequestId, t.dueAt - EXPIRY - T0]),
        )
      const first = await scene()
      expect(await claim(first.store, T0 + EXPIRY - 1, 10)).toEqual([])
      expect(await claim(first.store, T0 + EXPIRY + 1_000, 10)).toEqual([
        ['PAY-TM-8', 0],
        ['PAY-TM-9', 1_000],
      ])
      const second = await scene()
      expect(await claim(second.store, T0 + EXPIRY + 9_000, 2)).toEqual([
        ['PAY-TM-8', 0],
        ['PAY-TM-9', 1_000],
      ])
      if (capabilities.leases) {
        expect(byTimer(await second.raw.timers()).map((t) => [t.paymentRequestId, t.leaseOwner ?? 'none'])).toEqual([
          ['PAY-TM-0', 'none'],
          ['PAY-TM-7', 'none'],
          ['PAY-TM-8', 'relay-a'],
          ['PAY-TM-9', 'relay-a'],
        ])
      }
    })
  })
