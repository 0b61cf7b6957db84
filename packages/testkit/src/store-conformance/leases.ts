import type { PaymentStoreShape } from '@paychart/core/store'
import * as Effect from 'effect/Effect'
import { describe, expect, it } from 'vitest'
import { commitEvent, T0 } from './flow.js'
import type { Suite } from './options.js'
import { submitted } from './outbox.js'
import { nth, run, secondClient, skipNote, useStore } from './support.js'

const LEASE = 30_000

/** Relays claiming at once over `stores`: every item goes to exactly one of them. */
const claimAtOnce = async (stores: ReadonlyArray<PaymentStoreShape>, racers: number) => {
  const relays = Math.max(racers, 4)
  for (let i = 0; i < 10; i++) await submitted(nth(stores, 0), `PAY-LS-${String(i).padStart(2, '0')}`)
  const claims = Array.from({ length: relays }, (_, i) =>
    nth(stores, i % stores.length).claimCommands({
      now: T0 + 1_000,
      owner: `relay-${i}`,
      leaseMs: LEASE,
      limit: 3,
    }),
  )
  const claimed = (await run(Effect.all(claims, { concurrency: 'unbounded' }))).flat()
  const ids = claimed.map((item) => item.commandId)
  expect(new Set(ids).size).toBe(ids.length)
  expect(ids).toHaveLength(10)
  expect(claimed.every((item) => item.attempts === 1)).toBe(true)
}

export const leases = ({ make, capabilities, racers }: Suite) => {
  const note = skipNote(capabilities.leases, 'capabilities.leases is off: a single relay only')
  describe.skipIf(!capabilities.leases)(`leases${note}`, () => {
    it('does not hand a command claimed by relay A to relay B until its lease lapses; then B gets it (attempts 2)', async () => {
      const { store, raw } = await useStore(make)
      await submitted(store, 'PAY-LS-1')
      const claim = (owner: string, now: number) => run(store.claimCommands({ now, owner, leaseMs: LEASE, limit: 10 }))
      const [first] = await claim('relay-a', T0 + 1_000)
      expect(first?.lease).toEqual({ owner: 'relay-a', leaseUntil: T0 + 31_000 })
      expect(await claim('relay-b', T0 + 1_000)).toEqual([])
      expect(await claim('relay-b', T0 + 30_999)).toEqual([])
      expect(await raw.outbox()).toEqual([expect.objectContaining({ leaseOwner: 'relay-a', attempts: 1 })])
      const [second] = await claim('relay-b', T0 + 31_000)
      expect(second).toMatchObject({ commandId: 'PAY-LS-1#1', attempts: 2, lease: { owner: 'relay-b' } })
      expect(second?.lease.leaseUntil).toBe(T0 + 61_000)
      expect(await claim('relay-a', T0 + 31_000)).toEqual([])
      expect(await raw.outbox()).toEqual([
        expect.objectContaining({ leaseOwner: 'relay-b', leaseUntil: T0 + 61_000, attempts: 2, done: false }),
      ])
    })

    it('claims one command by id only when it is not done and no live lease holds it', async () => {
      const { store, raw } = await useStore(make)
      await submitted(store, 'PAY-LS-3')
      const claimOne = (owner: string, now: number) =>
        run(store.claimCommand('PAY-LS-3#1', { now, owner, leaseMs: LEASE }))
      expect(await claimOne('inline', T0 + 1_000)).toMatchObject({
        commandId: 'PAY-LS-3#1',
        attempts: 1,
        lease: { owner: 'inline', leaseUntil: T0 + 31_000 },
      })
      expect(await claimOne('relay-b', T0 + 1_000)).toBeUndefined()
      expect(await run(store.claimCommands({ now: T0 + 1_000, owner: 'relay-b', leaseMs: LEASE, limit: 10 }))).toEqual(
        [],
      )
      expect(await claimOne('relay-b', T0 + 31_000)).toMatchObject({ attempts: 2, lease: { owner: 'relay-b' } })
      await run(store.completeCommand('PAY-LS-3#1'))
      expect(await claimOne('relay-c', T0 + 100_000)).toBeUndefined()
      expect(await run(store.claimCommand('no-such-command', { now: T0, owner: 'x', leaseMs: LEASE }))).toBeUndefined()
      expect(await raw.outbox()).toEqual([expect.objectContaining({ leaseOwner: 'relay-b', done: true, attempts: 2 })])
    })

    it('does not hand a timer claimed by relay A to relay B until its lease lapses', async () => {
      const { store, raw } = await useStore(make)
      const submit = await submitted(store, 'PAY-LS-2')
      const dueAt = submit.commit.scheduleTimers[0]?.dueAt ?? 0
      const claim = (owner: string, now: number) => run(store.claimTimers({ now, owner, leaseMs: LEASE, limit: 10 }))
      const [first] = await claim('relay-a', dueAt)
      expect(first).toMatchObject({
        timer: 'paymentExpiry',
        dueAt,
        lease: { owner: 'relay-a', leaseUntil: dueAt + LEASE },
      })
      expect(await claim('relay-b', dueAt + LEASE - 1)).toEqual([])
      expect(await raw.timers()).toEqual([
        expect.objectContaining({ leaseOwner: 'relay-a', leaseUntil: dueAt + LEASE }),
      ])
      const [second] = await claim('relay-b', dueAt + LEASE)
      expect(second?.lease).toEqual({ owner: 'relay-b', leaseUntil: dueAt + 2 * LEASE })
      // The TIMER_FIRED commit removes the timer: no relay gets it again.
      const fired = commitEvent(
        submit.next,
        { type: 'TIMER_FIRED', at: dueAt + LEASE, timer: 'paymentExpiry' },
        {
          firedTimer: 'paymentExpiry',
        },
      )
      await run(store.commit(fired.commit))
      expect((await claim('relay-c', dueAt + 10 * LEASE)).map((t) => t.timer)).not.toContain('paymentExpiry')
    })

    it(`gives each command to exactly one of ${racers} relays claiming at once`, async () => {
      const { store } = await useStore(make)
      await claimAtOnce([store], racers)
    })

    it.skipIf(!capabilities.concurrentWriters)(
      `gives each command to exactly one of ${racers} relays claiming at once through two clients${skipNote(
        capabilities.concurrentWriters,
        'capabilities.concurrentWriters is off: one client only',
      )}`,
      async () => {
        const made = await useStore(make)
        await claimAtOnce([made.store, await secondClient(made)], racers)
      },
    )
  })
}
