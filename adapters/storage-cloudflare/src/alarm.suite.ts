import { cardFlow } from '@paychart/testkit/store-conformance'
import * as Effect from 'effect/Effect'
import { describe, expect, it } from 'vitest'
import type { WorkerdUnderTest } from './durable-objects.fixtures.js'
import { remoteAlarm, remoteStore } from './remote-store.fixtures.js'

const HOUR = 3_600_000

export const alarmTests = (workerd: WorkerdUnderTest) =>
  describe('alarm', () => {
    it('keeps each payment object’s alarm at its earliest pending timer, and clears it when none is left', async () => {
      const prefix = `alarm-${crypto.randomUUID()}/`
      const store = remoteStore(workerd.url(), prefix)
      // In the future, so that no alarm fires (and moves itself) while the test looks.
      const flow = cardFlow('PAY-AL-1', Date.now() + HOUR)
      await Effect.runPromise(store.create(flow.payment))
      expect(await remoteAlarm(workerd.url(), prefix, 'PAY-AL-1')).toBeNull()
      const seen: Array<number | null> = []
      for (const commit of flow.commits) {
        await Effect.runPromise(store.commit(commit))
        const timers = await Effect.runPromise(store.pendingTimers('PAY-AL-1'))
        const earliest = timers.length === 0 ? null : Math.min(...timers.map((timer) => timer.dueAt))
        const alarm = await remoteAlarm(workerd.url(), prefix, 'PAY-AL-1')
        expect(alarm, `after ${commit.event.event.type}`).toBe(earliest)
        seen.push(alarm)
      }
      // The flow sets, moves and at last clears every timer: the alarm followed all of it, and is gone.
      expect(new Set(seen.filter((at) => at !== null)).size).toBeGreaterThan(1)
      expect(await Effect.runPromise(store.pendingTimers('PAY-AL-1'))).toEqual([])
      expect(seen.at(-1)).toBeNull()
    })

    it('moves the alarm to the end of the lease when the earliest timer is claimed', async () => {
      const prefix = `alarm-${crypto.randomUUID()}/`
      const store = remoteStore(workerd.url(), prefix)
      const flow = cardFlow('PAY-AL-2', Date.now() + HOUR)
      await Effect.runPromise(store.create(flow.payment))
      const submit = flow.commits[0]
      if (submit === undefined) throw new Error('the card flow has no commit')
      await Effect.runPromise(store.commit(submit))
      const [timer] = await Effect.runPromise(store.pendingTimers('PAY-AL-2'))
      if (timer === undefined) throw new Error('SUBMIT set no timer')
      expect(await remoteAlarm(workerd.url(), prefix, 'PAY-AL-2')).toBe(timer.dueAt)
      const claimed = await Effect.runPromise(
        store.claimTimers({ now: timer.dueAt, owner: 'relay-a', leaseMs: 60_000, limit: 10 }),
      )
      expect(claimed.map((item) => item.timer)).toEqual([timer.timer])
      expect(await remoteAlarm(workerd.url(), prefix, 'PAY-AL-2')).toBe(timer.dueAt + 60_000)
    })
  })
