import { cardFlow } from '@paychart/testkit/store-conformance'
import * as Effect from 'effect/Effect'
import { describe, expect, it } from 'vitest'
import type { WorkerdUnderTest } from './durable-objects.fixtures.js'
import { failIndexApplies, remoteStore } from './remote-store.fixtures.js'

const eventually = async (check: () => Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

export const indexLagTests = (workerd: WorkerdUnderTest) =>
  describe('an index that lags', () => {
    it('commits while the index is unreachable, refuses a redelivery in the payment object, and catches the index up by alarm', async () => {
      const prefix = `lag-${crypto.randomUUID()}/`
      const store = remoteStore(workerd.url(), prefix)
      const flow = cardFlow('PAY-LG-1', Date.now() + 3_600_000)
      const [submit, answered] = flow.commits
      if (submit === undefined || answered === undefined) throw new Error('the card flow is shorter than expected')
      await Effect.runPromise(store.create(flow.payment))
      await Effect.runPromise(store.commit(submit))

      await failIndexApplies(workerd.url(), prefix, 2)
      const key = 'PAYMENT_PENDING:PAY-LG-1:lag'
      expect(await Effect.runPromise(store.commit({ ...answered, notificationKey: key }))).toMatchObject({ version: 3 })
      // The index has not seen the commit: the key looks new, the paymentId unknown...
      expect(await Effect.runPromise(store.hasNotification(key))).toBe(false)
      expect(await Effect.runPromise(store.find({ paymentId: 'P-PAY-LG-1' }))).toBeUndefined()
      // ...but the payment object has the last word: the redelivery is refused, nothing is written twice.
      const redelivered = await Effect.runPromise(
        Effect.flip(store.commit({ ...answered, expectedVersion: 3, notificationKey: key })),
      )
      expect(redelivered).toMatchObject({ _tag: 'VersionConflict', expectedVersion: 3, actualVersion: 3 })
      expect((await Effect.runPromise(store.events('PAY-LG-1'))).map((e) => e.version)).toEqual([2, 3])

      // The object's alarm retries until the index takes the summary.
      await eventually(() => Effect.runPromise(store.hasNotification(key)))
      expect((await Effect.runPromise(store.find({ paymentId: 'P-PAY-LG-1' })))?.version).toBe(3)
      const backlog = await Effect.runPromise(store.backlog({ now: Date.now(), unknownOutcome: [] }))
      expect(backlog.payments).toEqual({ [answered.state]: 1 })
    })
  })
