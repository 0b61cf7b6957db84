import { OutcomeUnknown, RequestNotSent } from '@paychart/antom'
import { describe, expect, it } from 'vitest'
import type { FailureKind } from './classify.js'
import { type Settled, verdict } from './exhausted.js'

const url = 'https://gw.test/pay'
const failed = (kind: FailureKind): Settled => ({
  _tag: 'Failed',
  failure: { kind, detail: `${kind} detail`, codes: [] },
})
const u = (body: string): Settled => ({ _tag: 'Answered', response: { status: 200, headers: {}, body } })

describe('verdict when attempts run out', () => {
  it('returns the last U answer', () => {
    expect(verdict(url, [failed('timeout'), u('second')])).toEqual({ status: 200, headers: {}, body: 'second' })
  })

  it('only not-sent failures: RequestNotSent', () => {
    const result = verdict(url, [failed('notSent'), failed('notSent')])
    expect(result).toBeInstanceOf(RequestNotSent)
    expect(result).toMatchObject({ url, reason: 'notSent detail (after 2 attempts)' })
  })

  it.each(['timeout', 'connectionLost'] as const)('last attempt %s: OutcomeUnknown with that reason', (kind) => {
    const result = verdict(url, [failed('notSent'), failed(kind)])
    expect(result).toBeInstanceOf(OutcomeUnknown)
    expect(result).toMatchObject({ reason: kind })
  })

  it('a timeout before a refusal is never reported as not sent', () => {
    const result = verdict(url, [failed('timeout'), failed('notSent'), failed('notSent')])
    expect(result).toBeInstanceOf(OutcomeUnknown)
    expect(result).toMatchObject({ reason: 'retriesExhausted' })
    expect((result as OutcomeUnknown).detail).toContain('attempt 1 ended in timeout')
  })

  it('a U answer before a refusal is returned', () => {
    expect(verdict(url, [failed('timeout'), u('u'), failed('notSent')])).toMatchObject({ body: 'u' })
  })

  it('no attempt at all is an unknown outcome', () => {
    expect(verdict(url, [])).toMatchObject({ _tag: 'OutcomeUnknown', reason: 'retriesExhausted' })
    expect(verdict(url, [failed('notSent')])).toMatchObject({ reason: 'notSent detail (after 1 attempt)' })
  })
})
