import { afterEach, describe, expect, it, vi } from 'vitest'
import { heldCompletions } from './completions.js'

const recorder = () => {
  const alone: Array<ReadonlyArray<string>> = []
  return { alone, write: async (ids: ReadonlyArray<string>) => void alone.push(ids) }
}

describe('heldCompletions', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('hands held completions to the next statement, which leaves nothing to write alone', async () => {
    vi.useFakeTimers()
    const { alone, write } = recorder()
    const completions = heldCompletions(write, 10)
    completions.add('A#1')
    completions.add('B#1')
    expect(await completions.carriedBy(async (ids) => ids)).toEqual(['A#1', 'B#1'])
    expect(await completions.carriedBy(async (ids) => ids)).toEqual([])
    await vi.advanceTimersByTimeAsync(50)
    expect(alone).toEqual([])
  })

  it('writes alone, in one statement, what no statement carried within rideMs', async () => {
    vi.useFakeTimers()
    const { alone, write } = recorder()
    const completions = heldCompletions(write, 10)
    completions.add('A#1')
    await vi.advanceTimersByTimeAsync(5)
    completions.add('A#2')
    expect(alone).toEqual([])
    await vi.advanceTimersByTimeAsync(5)
    expect(alone).toEqual([['A#1', 'A#2']])
  })

  it('holds again what a failed statement carried, and what a failed write alone held, for the next one', async () => {
    vi.useFakeTimers()
    const alone: Array<ReadonlyArray<string>> = []
    let failing = true
    const completions = heldCompletions(async (ids) => {
      if (failing) throw new Error('connection terminated')
      alone.push(ids)
    }, 10)
    completions.add('A#1')
    await expect(completions.carriedBy(() => Promise.reject(new Error('connection reset')))).rejects.toThrow(
      'connection reset',
    )
    completions.add('B#1')
    await vi.advanceTimersByTimeAsync(10)
    expect(alone).toEqual([])
    failing = false
    await vi.advanceTimersByTimeAsync(10)
    expect(alone).toEqual([['A#1', 'B#1']])
  })

  it('holds what arrives while a statement is on its way for the statement after it', async () => {
    const completions = heldCompletions(async () => {}, 10_000)
    completions.add('A#1')
    let release = () => {}
    const first = completions.carriedBy(
      (ids) =>
        new Promise<ReadonlyArray<string>>((resolve) => {
          release = () => resolve(ids)
        }),
    )
    completions.add('B#1')
    release()
    expect(await first).toEqual(['A#1'])
    expect(await completions.carriedBy(async (ids) => ids)).toEqual(['B#1'])
  })

  it('writes what it holds on close, and drops what comes after', async () => {
    vi.useFakeTimers()
    const { alone, write } = recorder()
    const completions = heldCompletions(write, 10)
    completions.add('A#1')
    await completions.close()
    completions.add('B#1')
    await vi.advanceTimersByTimeAsync(50)
    expect(alone).toEqual([['A#1']])
    expect(await completions.carriedBy(async (ids) => ids)).toEqual([])
  })
})
