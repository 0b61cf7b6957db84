import { cardFlow } from '@paychart/testkit/store-conformance'
import * as Effect from 'effect/Effect'
import { describe, expect, it, onTestFinished } from 'vitest'
import { makeSqliteUnderTest } from './sqlite.fixtures.js'

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

export const durabilityTests = () =>
  describe('durability', () => {
    it.each(['FULL', 'NORMAL'] as const)(
      'writes a completion no transaction carried without its own flush, and every other write keeps synchronous %s',
      async (synchronous) => {
        const store = await makeSqliteUnderTest({ synchronous, completionRideMs: 60_000 })
        onTestFinished(() => store.cleanup())
        const flow = cardFlow('PAY-DURABLE')
        const [submit] = flow.commits
        if (submit === undefined) throw new Error('the card flow starts with a submit')
        await run(store.store.create(flow.payment))
        await run(store.store.commit(submit))
        const level = () => store.opened.database.pragma('synchronous')
        const FULL = 2
        const NORMAL = 1
        const item = submit.outbox[0]
        if (item === undefined) throw new Error('the submit issues a command')
        await run(store.store.completeCommand(item.commandId))
        const doneOf = async () => (await store.raw.outbox()).find((row) => row.commandId === item.commandId)?.done
        expect(await doneOf()).toBe(false)
        store.opened.flushCompletions()
        expect(level()).toBe(synchronous === 'FULL' ? FULL : NORMAL)
        expect(await doneOf()).toBe(true)
      },
    )

    it('writes completions with the next commit, of any payment, even one that conflicts, and before any claim', async () => {
      const store = await makeSqliteUnderTest({ completionRideMs: 60_000 })
      onTestFinished(() => store.cleanup())
      const first = cardFlow('PAY-RIDE-1')
      const second = cardFlow('PAY-RIDE-2')
      const [submitFirst] = first.commits
      const [submitSecond, answerSecond] = second.commits
      const item = submitFirst?.outbox[0]
      const next = submitSecond?.outbox[0]
      if (submitFirst === undefined || submitSecond === undefined || answerSecond === undefined)
        throw new Error('the card flow starts with a submit, then its answer')
      if (item === undefined || next === undefined) throw new Error('the submit issues a command')
      for (const flow of [first, second]) await run(store.store.create(flow.payment))
      await run(store.store.commit(submitFirst))
      await run(store.store.completeCommand(item.commandId))
      const doneOf = async (commandId: string) =>
        (await store.raw.outbox()).find((row) => row.commandId === commandId)?.done
      expect(await doneOf(item.commandId)).toBe(false)
      // The answer before its submit: a version conflict, which still carries the completion.
      const conflict = await run(Effect.flip(store.store.commit(answerSecond)))
      expect(conflict._tag).toBe('VersionConflict')
      expect(await doneOf(item.commandId)).toBe(true)
      await run(store.store.commit(submitSecond))
      await run(store.store.completeCommand(next.commandId))
      const claimed = await run(
        store.store.claimCommands({ now: Date.now() + 3_600_000, owner: 'relay', leaseMs: 1_000, limit: 10 }),
      )
      expect(claimed.map((claim) => claim.commandId)).not.toContain(next.commandId)
      expect(await doneOf(next.commandId)).toBe(true)
    })
  })
