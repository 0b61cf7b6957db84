import type { PaymentStoreShape } from '@paychart/core/store'
import { describe, expect, it } from 'vitest'
import { cardInput, commitEvent, draftPayment, T0 } from './flow.js'
import type { Suite } from './options.js'
import { cardFlow } from './scripts.js'
import { byKey, nth, plain, run, useStore } from './support.js'

const byCommandId = byKey((row: { commandId: string }) => row.commandId)

/** A payment created and submitted at `at`: one `pay` outbox item, `<id>#1`. */
export const submitted = async (store: PaymentStoreShape, paymentRequestId: string, at = T0) => {
  const { payment, draft } = draftPayment(cardInput(paymentRequestId), at)
  await run(store.create(payment))
  const submit = commitEvent(draft, { type: 'SUBMIT', at })
  await run(store.commit(submit.commit))
  return submit
}

const claim = (store: PaymentStoreShape, owner: string, now: number, limit = 10) =>
  run(store.claimCommands({ now, owner, leaseMs: 30_000, limit }))

export const outbox = ({ make, capabilities }: Suite) =>
  describe('outbox', () => {
    it('ignores an outbox item whose commandId is already stored, and still commits', async () => {
      const { store, raw } = await useStore(make)
      const submit = await submitted(store, 'PAY-OB-1')
      await claim(store, 'relay-a', T0 + 1_000)
      const original = nth(submit.commit.outbox, 0)
      const copy = { ...original, createdAt: T0 + 2_000, command: { ...original.command, attempt: 2 } }
      const next = commitEvent(submit.next, { type: 'CUSTOMER_RETURNED', at: T0 + 2_000 }, { outbox: [copy, copy] })
      expect(await run(store.commit(next.commit))).toMatchObject({ version: 3 })
      expect((await raw.outbox()).map((row) => [row.commandId, row.createdAt, row.attempts, row.done])).toEqual([
        ['PAY-OB-1#1', T0, 1, false],
      ])
      const [again] = await claim(store, 'relay-b', T0 + 60_000)
      expect(plain(again?.command)).toEqual(plain(original.command))
    })

    it('claims the oldest commands first (createdAt, then commandId), at most `limit`', async () => {
      const { store } = await useStore(make)
      await submitted(store, 'PAY-OB-4', T0 + 3_000)
      await submitted(store, 'PAY-OB-3', T0 + 2_000)
      await submitted(store, 'PAY-OB-B', T0 + 1_000)
      await submitted(store, 'PAY-OB-A', T0 + 1_000)
      const ids = async (owner: string, limit: number) => {
        const claimed = (await claim(store, owner, T0 + 10_000, limit)).map((item) => item.commandId)
        for (const id of claimed) await run(store.completeCommand(id))
        return claimed
      }
      expect(await ids('relay-a', 2)).toEqual(['PAY-OB-A#1', 'PAY-OB-B#1'])
      expect(await ids('relay-b', 0)).toEqual([])
      expect(await ids('relay-b', 5)).toEqual(['PAY-OB-3#1', 'PAY-OB-4#1'])
      expect(await ids('relay-c', 5)).toEqual([])
    })

    it('leases each claimed command to its owner until now + leaseMs and counts the attempt', async () => {
      const { store, raw } = await useStore(make)
      const submit = await submitted(store, 'PAY-OB-5')
      const claimed = await run(store.claimCommands({ now: T0 + 500, owner: 'relay-a', leaseMs: 20_000, limit: 5 }))
      expect(claimed).toHaveLength(1)
      const item = nth(claimed, 0)
      expect(item).toMatchObject({
        commandId: 'PAY-OB-5#1',
        paymentRequestId: 'PAY-OB-5',
        createdAt: T0,
        attempts: 1,
        lease: { owner: 'relay-a', leaseUntil: T0 + 20_500 },
      })
      expect(plain(item.command)).toEqual(plain(nth(submit.commit.outbox, 0).command))
      const leased = capabilities.leases ? { leaseOwner: 'relay-a', leaseUntil: T0 + 20_500 } : {}
      expect(await raw.outbox()).toEqual([expect.objectContaining({ commandId: 'PAY-OB-5#1', attempts: 1, ...leased })])
    })

    it('writes the new items of a commit with `claimNew` already claimed: no relay takes one before that lease lapses', async () => {
      const { store, raw } = await useStore(make)
      const { payment, draft } = draftPayment(cardInput('PAY-OB-9'), T0)
      await run(store.create(payment))
      const lease = { owner: 'inline-a', leaseUntil: T0 + 30_000 }
      const submit = commitEvent(draft, { type: 'SUBMIT', at: T0 }, { claimNew: lease })
      await run(store.commit(submit.commit))
      const leased = capabilities.leases ? { leaseOwner: 'inline-a', leaseUntil: T0 + 30_000 } : {}
      expect(await raw.outbox()).toEqual([
        expect.objectContaining({ commandId: 'PAY-OB-9#1', attempts: 1, done: false, ...leased }),
      ])
      expect(await claim(store, 'relay-a', T0 + 29_999)).toEqual([])
      const held = await run(store.claimCommand('PAY-OB-9#1', { now: T0 + 29_999, owner: 'relay-a', leaseMs: 30_000 }))
      expect(held).toBeUndefined()
      const lapsed = await claim(store, 'relay-a', T0 + 30_000)
      expect(lapsed.map((item) => [item.commandId, item.attempts, item.lease.owner])).toEqual([
        ['PAY-OB-9#1', 2, 'relay-a'],
      ])
    })

    it('never claims a completed command again, whether completed by completeCommand or by a commit', async () => {
      const { store, raw } = await useStore(make)
      const flow = cardFlow('PAY-OB-6')
      await run(store.create(flow.payment))
      await run(store.commit(nth(flow.commits, 0)))
      await claim(store, 'relay-a', T0 + 500)
      await run(store.commit(nth(flow.commits, 1)))
      await submitted(store, 'PAY-OB-7')
      await run(store.completeCommand('PAY-OB-7#1'))
      const later = await claim(store, 'relay-b', T0 + 10 * 60_000)
      expect(later.map((item) => item.commandId)).toEqual(['PAY-OB-6@3/0'])
      await run(store.completeCommand('PAY-OB-6@3/0'))
      expect(await claim(store, 'relay-c', T0 + 60 * 60_000)).toEqual([])
      expect(byCommandId(await raw.outbox()).map((row) => [row.commandId, row.done])).toEqual([
        ['PAY-OB-6#1', true],
        ['PAY-OB-6@3/0', true],
        ['PAY-OB-7#1', true],
      ])
    })

    it('completes a command idempotently, and an unknown commandId changes nothing', async () => {
      const made = await useStore(make)
      const { store, raw } = made
      await submitted(store, 'PAY-OB-8')
      await run(store.completeCommand('PAY-OB-8#1'))
      await made.settle?.()
      const done = await raw.dump()
      await run(store.completeCommand('PAY-OB-8#1'))
      await run(store.completeCommand('PAY-OB-NONE#1'))
      await made.settle?.()
      expect(await raw.dump()).toBe(done)
      expect((await raw.outbox()).map((row) => [row.commandId, row.done])).toEqual([['PAY-OB-8#1', true]])
    })
  })
