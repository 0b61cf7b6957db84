import { capturedMinor, refundableMinor, stateOf } from '@paychart/core/machine'
import { formatTimeline, runTimeline } from '@paychart/example-timeline'
import { describe, expect, it } from 'vitest'

describe('the README demo', () => {
  const { rows, snapshot } = runTimeline()

  it('takes a card payment through 3DS, authorization, manual capture and a partial refund', () => {
    expect(rows.map((r) => r.to)).toEqual([
      'submitting',
      'awaitingCustomer',
      'awaitingCustomer',
      'authorized',
      'authorized',
      'capturing',
      'captured',
      'captured',
      'captured',
      'captured',
    ])
    expect(stateOf(snapshot)).toBe('captured')
    expect(capturedMinor(snapshot.context)).toBe(12_900)
    expect(refundableMinor(snapshot.context)).toBe(10_400)
  })

  it('shows redelivered notifications as recorded without effect', () => {
    const redelivered = rows.filter((r) => r.source === 'notification')
    expect(redelivered.every((r) => r.commands.length === 0 && r.from === r.to)).toBe(true)
    expect(snapshot.context.counts.anomalyCount).toBe(2)
  })

  it('prints every step with its commands', () => {
    const text = formatTimeline(rows)
    expect(text).toContain('call pay (key PAY-2026-11-22-0001)')
    expect(text).toContain('state capturing -> captured')
    expect(text).toContain('publish readyToShip')
    expect(text.split('\n').filter((l) => /^\s*\d+ {2}\+/.test(l))).toHaveLength(10)
  })
})
