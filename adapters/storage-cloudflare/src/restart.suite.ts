import { cardFlow } from '@paychart/testkit/store-conformance'
import * as Effect from 'effect/Effect'
import { describe, expect, it } from 'vitest'
import type { WorkerdUnderTest } from './durable-objects.fixtures.js'
import { remoteAlarm, remoteStore } from './remote-store.fixtures.js'

export const restartTests = (workerd: WorkerdUnderTest) =>
  describe('durability across a workerd restart', () => {
    it('finds a committed payment, its log, outbox, timers, keys and alarm after workerd restarts on the same disk', async () => {
      const prefix = `restart-${crypto.randomUUID()}/`
      const flow = cardFlow('PAY-DU-1', Date.now() + 3_600_000)
      const before = remoteStore(workerd.url(), prefix)
      await Effect.runPromise(before.create(flow.payment))
      for (const commit of flow.commits.slice(0, 2)) await Effect.runPromise(before.commit(commit))
      const key = 'PAYMENT_PENDING:PAY-DU-1:restart'
      const third = flow.commits[2]
      if (third === undefined) throw new Error('the card flow is shorter than expected')
      await Effect.runPromise(before.commit({ ...third, notificationKey: key }))
      const timers = await Effect.runPromise(before.pendingTimers('PAY-DU-1'))
      const alarm = await remoteAlarm(workerd.url(), prefix, 'PAY-DU-1')

      await workerd.restart()

      const after = remoteStore(workerd.url(), prefix)
      expect(await Effect.runPromise(after.load('PAY-DU-1'))).toMatchObject({ version: 4, state: third.state })
      expect((await Effect.runPromise(after.find({ paymentId: 'P-PAY-DU-1' })))?.paymentRequestId).toBe('PAY-DU-1')
      expect((await Effect.runPromise(after.events('PAY-DU-1'))).map((e) => e.version)).toEqual([2, 3, 4])
      expect(await Effect.runPromise(after.pendingTimers('PAY-DU-1'))).toEqual(timers)
      expect(await Effect.runPromise(after.hasNotification(key))).toBe(true)
      expect(await remoteAlarm(workerd.url(), prefix, 'PAY-DU-1')).toBe(alarm)
      // The compare-and-set still holds after the restart: the old version is refused.
      const stale = await Effect.runPromise(Effect.flip(after.commit(third)))
      expect(stale).toMatchObject({ _tag: 'VersionConflict', expectedVersion: 3, actualVersion: 4 })
    })
  })
