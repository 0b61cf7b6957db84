import { describe, expect, it } from 'vitest'
import { cardInput, commitEvent, draftPayment, T0 } from './flow.js'
import type { Suite } from './options.js'
import { cardFlow } from './scripts.js'
import { byKey, byVersion, failure, nth, parsed, plain, run, useStore } from './support.js'

const byCommandId = byKey((row: { commandId: string }) => row.commandId)
const byTimer = byKey((row: { paymentRequestId: string; timer: string }) => `${row.paymentRequestId}/${row.timer}`)

export const commits = ({ make }: Suite) =>
  describe('commit', () => {
    it('adds one to the version per commit, keeps createdAt and sets updatedAt', async () => {
      const { store, raw } = await useStore(make)
      const flow = cardFlow('PAY-CM-1')
      await run(store.create(flow.payment))
      for (const [index, commit] of flow.commits.entries()) {
        const stored = await run(store.commit(commit))
        expect(stored).toMatchObject({ version: index + 2, state: commit.state, createdAt: T0, updatedAt: commit.at })
        expect(await raw.payment('PAY-CM-1')).toMatchObject({
          version: index + 2,
          state: commit.state,
          createdAt: T0,
          updatedAt: commit.at,
        })
      }
      expect((await run(store.load('PAY-CM-1')))?.state).toBe('captured')
    })

    it('writes the snapshot, the event, the outbox, the timers and the notification key together', async () => {
      const { store, raw } = await useStore(make)
      const flow = cardFlow('PAY-CM-2')
      const [submit, payAnswered] = [nth(flow.commits, 0), nth(flow.commits, 1)]
      await run(store.create(flow.payment))
      await run(store.commit(submit))
      const commit = { ...payAnswered, notificationKey: 'PAYMENT_PENDING:PAY-CM-2:P-PAY-CM-2' }
      await run(store.commit(commit))

      const payment = await raw.payment('PAY-CM-2')
      expect(payment).toMatchObject({ version: 3, state: 'awaitingCustomer', paymentId: 'P-PAY-CM-2' })
      expect(parsed(payment?.snapshotJson ?? 'null')).toEqual(plain(commit.snapshot))
      const events = byVersion(await raw.events('PAY-CM-2'))
      expect(events.map((e) => [e.version, e.from, e.to])).toEqual([
        [2, 'draft', 'submitting'],
        [3, 'submitting', 'awaitingCustomer'],
      ])
      expect(parsed(events[1]?.eventJson ?? 'null')).toEqual(plain(commit.event.event))
      expect(byCommandId(await raw.outbox()).map((row) => [row.commandId, row.done, row.createdAt])).toEqual([
        ['PAY-CM-2#1', true, T0],
        ['PAY-CM-2@3/0', false, T0 + 1_000],
      ])
      expect(byTimer(await raw.timers()).map((row) => [row.timer, row.dueAt])).toEqual([
        ['paymentExpiry', T0 + 14 * 60_000],
        ['reconcile', T0 + 61_000],
      ])
      expect(await raw.notifications()).toEqual([{ key: 'PAYMENT_PENDING:PAY-CM-2:P-PAY-CM-2', unmatched: false }])
    })

    it('fails a commit on a stale version with VersionConflict (the actual version) and writes nothing', async () => {
      const { store, raw } = await useStore(make)
      const flow = cardFlow('PAY-CM-3')
      const submit = nth(flow.commits, 0)
      await run(store.create(flow.payment))
      await run(store.commit(submit))
      const created = draftPayment(cardInput('PAY-CM-3'))
      const stale = commitEvent(
        created.draft,
        { type: 'CANCEL', at: T0 + 9_000 },
        {
          completesCommand: 'PAY-CM-3#1',
          notificationKey: 'PAYMENT_RESULT:PAY-CM-3:stale',
          paymentId: 'P-STALE',
          scheduleTimers: [{ paymentRequestId: 'PAY-CM-3', timer: 'reconcile', dueAt: T0 + 60_000 }],
          cancelTimers: ['paymentExpiry'],
          outbox: [
            {
              commandId: 'PAY-CM-3#9',
              paymentRequestId: 'PAY-CM-3',
              command: nth(submit.outbox, 0).command,
              createdAt: T0 + 9_000,
              attempts: 0,
            },
          ],
        },
      ).commit
      const before = await raw.dump()
      const error = await failure(store.commit(stale))
      expect(error).toMatchObject({
        _tag: 'VersionConflict',
        paymentRequestId: 'PAY-CM-3',
        expectedVersion: 1,
        actualVersion: 2,
      })
      expect(await raw.dump()).toBe(before)
      expect(await raw.payment('PAY-CM-3')).toMatchObject({ version: 2, state: 'submitting' })
      expect((await raw.payment('PAY-CM-3'))?.paymentId ?? 'none').toBe('none')
      expect((await raw.events('PAY-CM-3')).length).toBe(1)
      expect((await raw.outbox()).map((row) => [row.commandId, row.done])).toEqual([['PAY-CM-3#1', false]])
      expect((await raw.timers()).map((row) => row.timer)).toEqual(['paymentExpiry'])
      expect(await raw.notifications()).toEqual([])
      expect(await run(store.hasNotification('PAYMENT_RESULT:PAY-CM-3:stale'))).toBe(false)
    })

    it('fails a commit on a version ahead of the stored one with VersionConflict', async () => {
      const { store, raw } = await useStore(make)
      const flow = cardFlow('PAY-CM-4')
      await run(store.create(flow.payment))
      const ahead = { ...nth(flow.commits, 0), expectedVersion: 2 }
      const before = await raw.dump()
      expect(await failure(store.commit(ahead))).toMatchObject({
        _tag: 'VersionConflict',
        expectedVersion: 2,
        actualVersion: 1,
      })
      expect(await raw.dump()).toBe(before)
    })

    it('fails a commit to an unknown payment with PaymentNotFound and writes nothing', async () => {
      const { store, raw } = await useStore(make)
      await run(store.create(draftPayment(cardInput('PAY-CM-5')).payment))
      const before = await raw.dump()
      const orphan = nth(cardFlow('PAY-CM-NONE').commits, 0)
      expect(await failure(store.commit(orphan))).toMatchObject({
        _tag: 'PaymentNotFound',
        paymentRequestId: 'PAY-CM-NONE',
      })
      expect(await raw.dump()).toBe(before)
      expect(await raw.payment('PAY-CM-NONE')).toBeUndefined()
      expect(await raw.outbox()).toEqual([])
    })

    it('lists a payment’s events in version order, as committed', async () => {
      const { store, raw } = await useStore(make)
      const flow = cardFlow('PAY-CM-6')
      const other = cardFlow('PAY-CM-7')
      await run(store.create(flow.payment))
      await run(store.create(other.payment))
      for (const [index, commit] of flow.commits.entries()) {
        await run(store.commit(commit))
        const interleaved = other.commits[index]
        if (interleaved !== undefined && index < 3) await run(store.commit(interleaved))
      }
      const events = await run(store.events('PAY-CM-6'))
      expect(events.map((e) => e.version)).toEqual([2, 3, 4, 5, 6, 7, 8])
      expect(plain(events)).toEqual(plain(flow.commits.map((c) => c.event)))
      expect((await raw.events('PAY-CM-6')).length).toBe(7)
      expect((await run(store.events('PAY-CM-7'))).map((e) => e.version)).toEqual([2, 3, 4])
      expect(await run(store.events('PAY-CM-NONE'))).toEqual([])
    })

    it('marks the command an event answers done in the same commit', async () => {
      const { store, raw } = await useStore(make)
      const flow = cardFlow('PAY-CM-8')
      await run(store.create(flow.payment))
      await run(store.commit(nth(flow.commits, 0)))
      expect((await raw.outbox()).map((row) => row.done)).toEqual([false])
      const answer = nth(flow.commits, 1)
      expect(answer.completesCommand).toBe('PAY-CM-8#1')
      await run(store.commit(answer))
      expect(byCommandId(await raw.outbox()).map((row) => [row.commandId, row.done])).toEqual([
        ['PAY-CM-8#1', true],
        ['PAY-CM-8@3/0', false],
      ])
    })
  })
