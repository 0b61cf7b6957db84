import type { PaymentState } from '@paychart/core'
import type { PaymentStoreShape } from '@paychart/core/store'
import { describe, expect, it } from 'vitest'
import { cardInput, commitEvent, draftPayment, lastCommand, T0 } from './flow.js'
import type { Suite } from './options.js'
import { submitted } from './outbox.js'
import { byKey, failure, parsed, plain, run, useStore } from './support.js'

const DAY = 24 * 60 * 60_000
const FINAL: ReadonlyArray<PaymentState> = ['refunded', 'cancelled', 'failed', 'expired']
const byCommandId = byKey((row: { commandId: string }) => row.commandId)
const byNotificationKey = byKey((row: { key: string }) => row.key)
const nothing = { doneCommandsBefore: 0, notificationsBefore: 0 }

/** A card payment the gateway declined at `at`: failed, final. */
const declined = async (store: PaymentStoreShape, id: string, at: number) => {
  const { payment, draft } = draftPayment(cardInput(id), at)
  await run(store.create(payment))
  const submit = commitEvent(draft, { type: 'SUBMIT', at })
  await run(store.commit(submit.commit))
  const pay = lastCommand(submit.next, 'pay')
  const answered = commitEvent(
    submit.next,
    { type: 'PAY_ANSWERED', at: at + 1_000, result: { resultStatus: 'F', resultCode: 'DO_NOT_HONOR' } },
    pay === undefined ? {} : { completesCommand: pay },
  )
  expect((await run(store.commit(answered.commit))).state).toBe('failed')
  return answered.commit
}

export const retention = ({ make }: Suite) =>
  describe('retention (prune)', () => {
    it('removes done outbox items created before the cut, never one not done', async () => {
      const { store, raw } = await useStore(make)
      await submitted(store, 'PAY-RT-1', T0)
      await submitted(store, 'PAY-RT-2', T0)
      await run(store.completeCommand('PAY-RT-2#1'))
      await submitted(store, 'PAY-RT-3', T0 + 10 * DAY)
      await run(store.completeCommand('PAY-RT-3#1'))

      const report = await run(store.prune({ ...nothing, doneCommandsBefore: T0 + DAY }))
      expect(report).toEqual({ commands: 1, notifications: 0, unmatched: 0, events: 0 })
      expect(byCommandId(await raw.outbox()).map((row) => [row.commandId, row.done])).toEqual([
        ['PAY-RT-1#1', false],
        ['PAY-RT-3#1', true],
      ])
      const claimed = await run(store.claimCommands({ now: T0 + 20 * DAY, owner: 'relay', leaseMs: 30_000, limit: 10 }))
      expect(claimed.map((item) => item.commandId)).toEqual(['PAY-RT-1#1'])
    })

    it('forgets notification keys committed before the cut; a key inside it still refuses its redelivery', async () => {
      const { store, raw } = await useStore(make)
      const keyed = async (id: string, key: string, at: number) => {
        const { payment, draft } = draftPayment(cardInput(id), at)
        await run(store.create(payment))
        const submit = commitEvent(draft, { type: 'SUBMIT', at }, { notificationKey: key })
        await run(store.commit(submit.commit))
        return submit.next
      }
      await keyed('PAY-RT-4', 'KEY-OLD', T0)
      const recent = await keyed('PAY-RT-5', 'KEY-NEW', T0 + 10 * DAY)

      const report = await run(store.prune({ ...nothing, notificationsBefore: T0 + DAY }))
      expect(report).toEqual({ commands: 0, notifications: 1, unmatched: 0, events: 0 })
      expect(await run(store.hasNotification('KEY-OLD'))).toBe(false)
      expect(await run(store.hasNotification('KEY-NEW'))).toBe(true)
      expect(await raw.notifications()).toEqual([{ key: 'KEY-NEW', unmatched: false }])
      const again = commitEvent(recent, { type: 'CANCEL', at: T0 + 10 * DAY + 1 }, { notificationKey: 'KEY-NEW' })
      expect(await failure(store.commit(again.commit))).toMatchObject({ _tag: 'VersionConflict' })
    })

    it('removes unmatched notifications received before the cut', async () => {
      const { store, raw } = await useStore(make)
      const unmatched = (key: string, receivedAt: number) => ({
        key,
        receivedAt,
        notifyType: 'PAYMENT_RESULT',
        body: `{"${key}":true}`,
      })
      await run(store.recordUnmatchedNotification(unmatched('U-OLD', T0)))
      await run(store.recordUnmatchedNotification(unmatched('U-NEW', T0 + 10 * DAY)))

      const report = await run(store.prune({ ...nothing, notificationsBefore: T0 + DAY }))
      expect(report).toEqual({ commands: 0, notifications: 0, unmatched: 1, events: 0 })
      expect(await run(store.unmatchedNotifications())).toEqual([unmatched('U-NEW', T0 + 10 * DAY)])
      expect(byNotificationKey(await raw.notifications())).toEqual([{ key: 'U-NEW', unmatched: true }])
    })

    it('removes the event logs of final payments last updated before the cut, and nothing else of theirs', async () => {
      const { store, raw } = await useStore(make)
      const old = await declined(store, 'PAY-RT-6', T0)
      await declined(store, 'PAY-RT-7', T0 + 10 * DAY)
      await submitted(store, 'PAY-RT-8', T0)
      const timersBefore = await raw.timers()

      const report = await run(store.prune({ ...nothing, eventLogs: { before: T0 + DAY, states: FINAL } }))
      expect(report).toEqual({ commands: 0, notifications: 0, unmatched: 0, events: 2 })
      expect(await raw.events('PAY-RT-6')).toEqual([])
      expect((await raw.events('PAY-RT-7')).map((e) => e.version)).toEqual([2, 3])
      expect((await raw.events('PAY-RT-8')).map((e) => e.version)).toEqual([2])
      const kept = await raw.payment('PAY-RT-6')
      expect(kept).toMatchObject({ version: 3, state: 'failed' })
      expect(parsed(kept?.snapshotJson ?? 'null')).toEqual(plain(old.snapshot))
      expect(await run(store.load('PAY-RT-6'))).toMatchObject({ version: 3, state: 'failed' })
      expect(await raw.timers()).toEqual(timersBefore)
    })

    it('touches no event log unless asked, and prunes nothing twice', async () => {
      const { store, raw } = await useStore(make)
      await declined(store, 'PAY-RT-9', T0)
      const cut = { doneCommandsBefore: T0 + DAY, notificationsBefore: T0 + DAY }
      const first = await run(store.prune(cut))
      expect(first.events).toBe(0)
      expect((await raw.events('PAY-RT-9')).map((e) => e.version)).toEqual([2, 3])
      expect(await run(store.prune(cut))).toEqual({ commands: 0, notifications: 0, unmatched: 0, events: 0 })
    })
  })
