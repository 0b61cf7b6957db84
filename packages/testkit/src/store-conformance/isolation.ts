import { describe, expect, it } from 'vitest'
import { T0 } from './flow.js'
import type { Suite } from './options.js'
import { cardFlow } from './scripts.js'
import { nth, plain, run, useStore } from './support.js'

/** Sets a nested field the way careless caller code would; a frozen object (TypeError) is a pass too. */
const scribble = (target: unknown, path: ReadonlyArray<string | number>, value: unknown): void => {
  const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], target)
  try {
    ;(parent as Record<string | number, unknown>)[path[path.length - 1] ?? ''] = value
  } catch (error) {
    if (!(error instanceof TypeError)) throw error
  }
}

const AMOUNT = ['snapshot', 'context', 'amount', 'minor']

export const isolation = ({ make }: Suite) =>
  describe('isolation from callers', () => {
    it('keeps what was written when the caller later changes the objects it passed', async () => {
      const { store } = await useStore(make)
      const flow = cardFlow('PAY-IS-1')
      const payment = structuredClone(flow.payment)
      await run(store.create(payment))
      scribble(payment, AMOUNT, 1)
      scribble(payment, ['state'], 'failed')
      const commit = structuredClone(nth(flow.commits, 0))
      await run(store.commit(commit))
      scribble(commit, AMOUNT, 1)
      scribble(commit, ['outbox', 0, 'command', 'amount', 'minor'], 1)
      scribble(commit, ['event', 'event', 'type'], 'CANCEL')
      scribble(commit, ['scheduleTimers', 0, 'dueAt'], 0)

      const original = nth(flow.commits, 0)
      expect(plain((await run(store.load('PAY-IS-1')))?.snapshot)).toEqual(plain(original.snapshot))
      expect((await run(store.events('PAY-IS-1'))).map((e) => e.event.type)).toEqual(['SUBMIT'])
      expect(await run(store.pendingTimers('PAY-IS-1'))).toEqual(plain(original.scheduleTimers))
      const [claimed] = await run(store.claimCommands({ now: T0, owner: 'relay-a', leaseMs: 1_000, limit: 1 }))
      expect(plain(claimed?.command)).toEqual(plain(nth(original.outbox, 0).command))
    })

    it('keeps what was written when the caller changes the objects it got back', async () => {
      const { store } = await useStore(make)
      const flow = cardFlow('PAY-IS-2')
      await run(store.create(flow.payment))
      await run(store.commit(nth(flow.commits, 0)))
      await run(
        store.recordUnmatchedNotification({ key: 'N-IS', receivedAt: T0, notifyType: 'PAYMENT_RESULT', body: '{}' }),
      )
      const claim = () => run(store.claimCommands({ now: T0 + 1_000, owner: 'relay-a', leaseMs: 1_000, limit: 1 }))

      scribble(await run(store.load('PAY-IS-2')), AMOUNT, 1)
      scribble(await run(store.find({ merchantReference: 'ORDER-PAY-IS-2' })), ['version'], 99)
      scribble(await run(store.events('PAY-IS-2')), [0, 'event', 'type'], 'CANCEL')
      scribble(await run(store.pendingTimers('PAY-IS-2')), [0, 'dueAt'], 0)
      scribble(await run(store.unmatchedNotifications()), [0, 'body'], 'changed')
      scribble(await claim(), [0, 'command', 'amount', 'minor'], 1)

      const original = nth(flow.commits, 0)
      const loaded = await run(store.load('PAY-IS-2'))
      expect(loaded?.version).toBe(2)
      expect(plain(loaded?.snapshot)).toEqual(plain(original.snapshot))
      expect((await run(store.events('PAY-IS-2'))).map((e) => e.event.type)).toEqual(['SUBMIT'])
      expect(await run(store.pendingTimers('PAY-IS-2'))).toEqual(plain(original.scheduleTimers))
      expect((await run(store.unmatchedNotifications())).map((n) => n.body)).toEqual(['{}'])
      const [again] = await run(store.claimCommands({ now: T0 + 5_000, owner: 'relay-b', leaseMs: 1_000, limit: 1 }))
      expect(plain(again?.command)).toEqual(plain(nth(original.outbox, 0).command))
    })
  })
