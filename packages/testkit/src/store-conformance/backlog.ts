import type { PaymentStoreShape } from '@paychart/core/store'
import { describe, expect, it } from 'vitest'
import { commitEvent, lastCommand, T0 } from './flow.js'
import type { Suite } from './options.js'
import { submitted } from './outbox.js'
import type { RawReader } from './raw-reader.js'
import { run, useStore } from './support.js'

const UNKNOWN = ['submitting', 'reconciling'] as const

/** What the raw rows say the outbox and timer figures are, as of `now`. */
const fromRaw = async (raw: RawReader, now: number) => {
  const pending = (await raw.outbox()).filter((row) => !row.done).map((row) => row.createdAt)
  const overdue = (await raw.timers()).filter((row) => row.dueAt <= now).map((row) => row.dueAt)
  const tally = (times: ReadonlyArray<number>) =>
    times.length === 0 ? { count: 0 } : { count: times.length, oldestAt: Math.min(...times) }
  return { pendingCommands: tally(pending), overdueTimers: tally(overdue) }
}

/** A payment submitted at `at` whose pay went unanswered a second later: reconciling since `at + 1_000`. */
const unanswered = async (store: PaymentStoreShape, id: string, at: number) => {
  const submit = await submitted(store, id, at)
  const lost = commitEvent(submit.next, {
    type: 'GATEWAY_UNANSWERED',
    at: at + 1_000,
    operation: 'pay',
    requestId: id,
    reason: 'timeout',
  })
  expect((await run(store.commit(lost.commit))).state).toBe('reconciling')
  return lost.next
}

export const backlog = ({ make }: Suite) =>
  describe('backlog', () => {
    it('is empty for an empty store', async () => {
      const { store } = await useStore(make)
      expect(await run(store.backlog({ now: T0, unknownOutcome: UNKNOWN }))).toEqual({
        payments: {},
        pendingCommands: { count: 0 },
        overdueTimers: { count: 0 },
        unknownOutcomes: { count: 0 },
      })
    })

    it('counts payments by state, work not done, timers overdue, and outcomes unknown since they became so', async () => {
      const { store, raw } = await useStore(make)
      const lost = await unanswered(store, 'PAY-BL-1', T0)
      await submitted(store, 'PAY-BL-2', T0 + 2_000)
      const declined = await submitted(store, 'PAY-BL-3', T0 + 3_000)
      const pay = lastCommand(declined.next, 'pay')
      const answered = commitEvent(
        declined.next,
        { type: 'PAY_ANSWERED', at: T0 + 4_000, result: { resultStatus: 'F', resultCode: 'DO_NOT_HONOR' } },
        pay === undefined ? {} : { completesCommand: pay },
      )
      expect((await run(store.commit(answered.commit))).state).toBe('failed')

      const now = T0 + 10 * 60_000
      const figures = await run(store.backlog({ now, unknownOutcome: UNKNOWN }))
      expect(figures).toEqual({
        payments: { reconciling: 1, submitting: 1, failed: 1 },
        ...(await fromRaw(raw, now)),
        unknownOutcomes: { count: 2, oldestAt: T0 + 1_000 },
      })
      expect(figures.pendingCommands.count).toBeGreaterThan(0)
      expect(figures.overdueTimers.count).toBeGreaterThan(0)

      // Still reconciling after its inquiry was sent: unknown since it entered the state, not since its last commit.
      const asked = commitEvent(lost, { type: 'TIMER_FIRED', at: T0 + 61_000, timer: 'reconcile' })
      expect((await run(store.commit(asked.commit))).state).toBe('reconciling')
      const later = await run(store.backlog({ now, unknownOutcome: ['reconciling'] }))
      expect(later.unknownOutcomes).toEqual({ count: 1, oldestAt: T0 + 1_000 })
      // Before anything is due, no timer is overdue.
      expect((await run(store.backlog({ now: T0, unknownOutcome: [] }))).overdueTimers).toEqual({ count: 0 })
      expect((await run(store.backlog({ now: T0, unknownOutcome: [] }))).unknownOutcomes).toEqual({ count: 0 })
    })
  })
