import { describe, expect, it } from 'vitest'
import { turnBatch } from './turn-batch.js'

const recorded = () => {
  const calls: Array<ReadonlyArray<number>> = []
  const run = turnBatch(
    async (input: number) => {
      calls.push([input])
      return input * 10
    },
    async (inputs) => {
      calls.push(inputs)
      return inputs.map((input) =>
        input < 0
          ? ({ status: 'rejected', reason: new Error(`refused ${input}`) } as const)
          : ({ status: 'fulfilled', value: input * 10 } as const),
      )
    },
  )
  return { calls, run }
}

describe('turnBatch', () => {
  it('runs a call that came alone by itself', async () => {
    const { calls, run } = recorded()
    expect(await run(1)).toBe(10)
    expect(calls).toEqual([[1]])
  })

  it('runs the calls of one turn together, each settled with its own outcome', async () => {
    const { calls, run } = recorded()
    const outcomes = await Promise.allSettled([run(1), run(-2), run(3)])
    expect(calls).toEqual([[1, -2, 3]])
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : String(o.reason)))).toEqual([
      10,
      'Error: refused -2',
      30,
    ])
    expect(await run(4)).toBe(40)
    expect(calls).toEqual([[1, -2, 3], [4]])
  })

  it('fails every call of a group whose run failed', async () => {
    const run = turnBatch(
      async (input: number) => input,
      () => Promise.reject(new Error('connection lost')),
    )
    const outcomes = await Promise.allSettled([run(1), run(2)])
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected'])
  })
})
