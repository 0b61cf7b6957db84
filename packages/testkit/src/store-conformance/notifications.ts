import type { InboundNotification } from '@paychart/core/store'
import { describe, expect, it } from 'vitest'
import { cardInput, commitEvent, draftPayment, T0 } from './flow.js'
import type { Suite } from './options.js'
import { cardFlow, notificationKey } from './scripts.js'
import { byKey, failure, nth, parsed, plain, run, useStore } from './support.js'

const byNotificationKey = byKey((row: { key: string }) => row.key)

const unmatched = (key: string, receivedAt: number, body: string): InboundNotification => ({
  key,
  receivedAt,
  notifyType: 'PAYMENT_RESULT',
  paymentRequestId: 'PAY-NT-GHOST',
  body,
})

export const notifications = ({ make }: Suite) =>
  describe('notifications', () => {
    it('knows a notification once a commit carried its key, and not before', async () => {
      const { store, raw } = await useStore(make)
      const flow = cardFlow('PAY-NT-1')
      const key = notificationKey('PAY-NT-1', 'P-PAY-NT-1')
      await run(store.create(flow.payment))
      for (const commit of flow.commits.slice(0, -1)) await run(store.commit(commit))
      expect(await run(store.hasNotification(key))).toBe(false)
      const last = nth(flow.commits, flow.commits.length - 1)
      expect(last.notificationKey).toBe(key)
      await run(store.commit(last))
      expect(await run(store.hasNotification(key))).toBe(true)
      expect(await run(store.hasNotification(`${key}:other`))).toBe(false)
      expect(await raw.notifications()).toEqual([{ key, unmatched: false }])
    })

    it('refuses a commit whose notification key is already committed, at the current version: VersionConflict, nothing written', async () => {
      const { store, raw } = await useStore(make)
      const id = 'PAY-NT-2'
      const key = `PAYMENT_RESULT:${id}:P-${id}`
      const { payment, draft } = draftPayment(cardInput(id))
      await run(store.create(payment))
      const first = commitEvent(draft, { type: 'SUBMIT', at: T0 }, { notificationKey: key })
      await run(store.commit(first.commit))
      const redelivered = commitEvent(first.next, { type: 'CANCEL', at: T0 + 1_000 }, { notificationKey: key })
      expect(redelivered.commit.expectedVersion).toBe(2)

      const refused = await failure(store.commit(redelivered.commit))
      expect(refused).toMatchObject({
        _tag: 'VersionConflict',
        paymentRequestId: id,
        expectedVersion: 2,
        actualVersion: 2,
      })
      const stored = await raw.payment(id)
      expect(stored).toMatchObject({ version: 2, updatedAt: T0 })
      expect(parsed(stored?.snapshotJson ?? 'null')).toEqual(plain(first.commit.snapshot))
      expect((await raw.events(id)).map((e) => e.version)).toEqual([2])
      expect(await raw.notifications()).toEqual([{ key, unmatched: false }])

      const other = commitEvent(first.next, { type: 'CANCEL', at: T0 + 1_000 }, { notificationKey: `${key}:2` })
      expect((await run(store.commit(other.commit))).version).toBe(3)
    })

    it('keeps an unmatched notification once per key: a redelivery is not a second one', async () => {
      const { store, raw } = await useStore(make)
      await run(store.recordUnmatchedNotification(unmatched('N-1', T0, '{"first":true}')))
      await run(store.recordUnmatchedNotification(unmatched('N-2', T0 + 1_000, '{"second":true}')))
      await run(store.recordUnmatchedNotification(unmatched('N-1', T0 + 2_000, '{"redelivered":true}')))
      const kept = byNotificationKey(await run(store.unmatchedNotifications()))
      expect(kept).toEqual([unmatched('N-1', T0, '{"first":true}'), unmatched('N-2', T0 + 1_000, '{"second":true}')])
      expect(byNotificationKey(await raw.notifications())).toEqual([
        { key: 'N-1', unmatched: true },
        { key: 'N-2', unmatched: true },
      ])
    })

    it('lists an unmatched notification no longer once a redelivery of it is committed to its payment', async () => {
      const { store, raw } = await useStore(make)
      const key = 'CAPTURE_RESULT:PAY-N-LATE:SUCCESS'
      await run(store.recordUnmatchedNotification(unmatched(key, T0, '{"early":true}')))
      await run(store.recordUnmatchedNotification(unmatched('N-NEVER', T0 + 1_000, '{"never":true}')))
      const { payment, draft } = draftPayment(cardInput('PAY-N-LATE'))
      await run(store.create(payment))
      await run(store.commit(commitEvent(draft, { type: 'SUBMIT', at: T0 + 2_000 }, { notificationKey: key }).commit))
      expect((await run(store.unmatchedNotifications())).map((n) => n.key)).toEqual(['N-NEVER'])
      // Kept all the same, and pruned with its age like any other.
      expect(byNotificationKey(await raw.notifications()).filter((row) => row.key === key)).toEqual([
        { key, unmatched: false },
        { key, unmatched: true },
      ])
    })
  })
