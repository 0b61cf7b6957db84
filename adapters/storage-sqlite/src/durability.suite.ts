import { cardFlow } from '@paychart/testkit/store-conformance'
import * as Effect from 'effect/Effect'
import { describe, expect, it, onTestFinished } from 'vitest'
import { makeSqliteUnderTest } from './sqlite.fixtures.js'

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

export const durabilityTests = () =>
  describe('durability', () => {
    it.each(['FULL', 'NORMAL'] as const)(
      'completes an outbox item without its own flush, and every other write keeps synchronous %s',
      async (synchronous) => {
        const store = await makeSqliteUnderTest({ synchronous })
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
        expect(level()).toBe(synchronous === 'FULL' ? FULL : NORMAL)
        const rows = await store.raw.outbox()
        expect(rows.find((row) => row.commandId === item.commandId)?.done).toBe(true)
      },
    )
  })
