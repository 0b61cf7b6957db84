import { makeMemoryStore } from '@paychart/core'
import { Effect } from 'effect'
import { describe, expect, it } from 'vitest'
import { cardFlow } from '../store-conformance/scripts.js'
import { outcomeOf } from './commands/support.js'
import { writeFaults } from './write-faults.js'

const submitOf = (flow: ReturnType<typeof cardFlow>) => {
  const [submit] = flow.commits
  if (submit === undefined) throw new Error('a card flow commits')
  return submit
}

describe('writeFaults', () => {
  it('fails the armed create: before writing, or after, its answer lost', async () => {
    const faults = writeFaults()
    const memory = makeMemoryStore()
    const store = faults.wrap(memory.store)
    const flow = cardFlow('PAY-F-0')
    faults.arm('PAY-F-0', 'beforeWrite', 'create')
    expect(outcomeOf(await Effect.runPromiseExit(store.create(flow.payment)))).toBe('StoreUnavailable')
    expect(await Effect.runPromise(memory.store.load('PAY-F-0'))).toBeUndefined()
    faults.arm('PAY-F-0', 'answerLost', 'create')
    expect(outcomeOf(await Effect.runPromiseExit(store.commit(submitOf(flow))))).toBe('PaymentNotFound')
    expect(outcomeOf(await Effect.runPromiseExit(store.create(flow.payment)))).toBe('StoreUnavailable')
    expect((await Effect.runPromise(memory.store.load('PAY-F-0')))?.version).toBe(1)
    expect(faults.failed()).toBe(2)
  })

  it('fails the next commit of the armed payment only: before writing, or after, its answer lost', async () => {
    const faults = writeFaults()
    const memory = makeMemoryStore()
    const store = faults.wrap(memory.store)
    const [a, b] = ['PAY-F-1', 'PAY-F-2'].map((id) => cardFlow(id))
    if (a === undefined || b === undefined) throw new Error('two flows')
    for (const flow of [a, b]) await Effect.runPromise(store.create(flow.payment))

    faults.arm('PAY-F-1', 'beforeWrite')
    expect(outcomeOf(await Effect.runPromiseExit(store.commit(submitOf(b))))).toBe('ok')
    expect(outcomeOf(await Effect.runPromiseExit(store.commit(submitOf(a))))).toBe('StoreUnavailable')
    expect((await Effect.runPromise(memory.store.load('PAY-F-1')))?.version).toBe(1)
    expect(faults.disarm()).toBe(true)

    faults.arm('PAY-F-1', 'answerLost')
    expect(outcomeOf(await Effect.runPromiseExit(store.commit(submitOf(a))))).toBe('StoreUnavailable')
    expect((await Effect.runPromise(memory.store.load('PAY-F-1')))?.version).toBe(2)
    expect(faults.failed()).toBe(2)

    faults.arm('PAY-F-2', 'answerLost')
    expect(faults.disarm()).toBe(false)
    expect(faults.failed()).toBe(2)
  })
})
