import { describe, expect, it } from 'vitest'
import { batchedCompletions } from './completions.js'

describe('batchedCompletions', () => {
  it('writes the completions of one turn in one statement, and each caller waits for it', async () => {
    const writes: Array<ReadonlyArray<string>> = []
    let release = () => {}
    const complete = batchedCompletions(async (ids) => {
      writes.push(ids)
      await new Promise<void>((resolve) => {
        release = resolve
      })
    })
    let settled = 0
    const first = Promise.all([complete('A#1'), complete('A#2'), complete('B#1')]).then(() => settled++)
    await Promise.resolve()
    expect(writes).toEqual([['A#1', 'A#2', 'B#1']])
    expect(settled).toBe(0)
    release()
    await first
    expect(settled).toBe(1)
    const later = complete('C#1')
    await Promise.resolve()
    release()
    await later
    expect(writes).toEqual([['A#1', 'A#2', 'B#1'], ['C#1']])
  })

  it('fails every caller of a group whose statement failed', async () => {
    const complete = batchedCompletions(() => Promise.reject(new Error('connection lost')))
    const outcomes = await Promise.allSettled([complete('A#1'), complete('A#2')])
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected'])
  })
})
