import { afterEach, describe, expect, it, vi } from 'vitest'
import { heldCompletions } from './held-completions.js'

describe('heldCompletions', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('hands held completions to the next transaction, which leaves nothing to write alone', () => {
    vi.useFakeTimers()
    const alone: Array<ReadonlyArray<string>> = []
    const completions = heldCompletions((ids) => void alone.push(ids), 10)
    completions.add('A#1')
    completions.add('B#1')
    expect(completions.carriedBy((ids) => ids)).toEqual(['A#1', 'B#1'])
    expect(completions.carriedBy((ids) => ids)).toEqual([])
    vi.advanceTimersByTime(50)
    expect(alone).toEqual([])
  })

  it('writes alone, in one transaction, what no transaction carried within rideMs', () => {
    vi.useFakeTimers()
    const alone: Array<ReadonlyArray<string>> = []
    const completions = heldCompletions((ids) => void alone.push(ids), 10)
    completions.add('A#1')
    vi.advanceTimersByTime(5)
    completions.add('A#2')
    expect(alone).toEqual([])
    vi.advanceTimersByTime(5)
    expect(alone).toEqual([['A#1', 'A#2']])
  })

  it('holds again what a failed transaction carried, for the next one', () => {
    vi.useFakeTimers()
    const alone: Array<ReadonlyArray<string>> = []
    let failing = true
    const completions = heldCompletions((ids) => {
      if (failing) throw new Error('database is locked')
      alone.push(ids)
    }, 10)
    completions.add('A#1')
    expect(() =>
      completions.carriedBy(() => {
        throw new Error('disk I/O error')
      }),
    ).toThrow('disk I/O error')
    completions.add('B#1')
    vi.advanceTimersByTime(10)
    expect(alone).toEqual([])
    failing = false
    vi.advanceTimersByTime(10)
    expect(alone).toEqual([['A#1', 'B#1']])
  })
})
