import { makeMemoryStore } from '@paychart/core'
import { Effect, Exit } from 'effect'
import { describe, expect, it } from 'vitest'
import { cardFlow } from '../store-conformance/scripts.js'
import { commitTurns } from './commit-turns.js'

describe('commitTurns', () => {
  it('counts the turns in which two commits or more reached the store, and those of several payments', async () => {
    const turns = commitTurns()
    const store = turns.wrap(makeMemoryStore().store)
    const [a, b, c, d] = ['PAY-T-1', 'PAY-T-2', 'PAY-T-3', 'PAY-T-4'].map((id) => cardFlow(id))
    if (a === undefined || b === undefined || c === undefined || d === undefined) throw new Error('four flows')
    const submit = (flow: typeof a) => {
      const [first] = flow.commits
      if (first === undefined) throw new Error('a card flow commits')
      return store.commit(first)
    }
    for (const flow of [a, b, c, d]) await Effect.runPromise(store.create(flow.payment))

    // One after another: each alone in its turn.
    await Effect.runPromise(submit(a))
    await Effect.runPromise(submit(b))
    expect(turns.seen()).toEqual({ groups: 0, acrossPayments: 0 })

    await Promise.all([c, d].map((flow) => Effect.runPromise(submit(flow))))
    expect(turns.seen()).toEqual({ groups: 1, acrossPayments: 1 })

    // One payment's commit twice in one turn: a group of one payment, where the second loses its compare-and-set.
    const e = cardFlow('PAY-T-5')
    await Effect.runPromise(store.create(e.payment))
    const exits = await Promise.all([e, e].map((flow) => Effect.runPromiseExit(submit(flow))))
    expect(exits.map(Exit.isSuccess)).toEqual([true, false])
    expect(turns.seen()).toEqual({ groups: 2, acrossPayments: 1 })
  })
})
