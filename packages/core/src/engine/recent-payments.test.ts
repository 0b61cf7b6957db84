import { describe, expect, it } from 'vitest'
import type { StoredPayment } from '../store/records.js'
import { recentPayments } from './recent-payments.js'

const payment = (paymentRequestId: string, version: number) =>
  ({ paymentRequestId, version, state: 'draft', snapshot: {}, createdAt: 0, updatedAt: 0 }) as StoredPayment

describe('recentPayments', () => {
  it('drops the least recently used payment past its capacity', () => {
    const recent = recentPayments(2)
    recent.remember(payment('A', 1))
    recent.remember(payment('B', 1))
    recent.get('A')
    recent.remember(payment('C', 1))
    expect([recent.get('A')?.version, recent.get('B'), recent.get('C')?.version]).toEqual([1, undefined, 1])
    expect(recent.size()).toBe(2)
  })

  it('never takes an older version of a payment for the one it keeps', () => {
    const recent = recentPayments(10)
    recent.remember(payment('A', 6))
    recent.remember(payment('A', 5))
    expect(recent.get('A')?.version).toBe(6)
    recent.remember(payment('A', 7))
    expect(recent.get('A')?.version).toBe(7)
    recent.forget('A')
    expect(recent.get('A')).toBeUndefined()
  })

  it('keeps nothing with a capacity of 0', () => {
    const recent = recentPayments(0)
    recent.remember(payment('A', 1))
    expect(recent.get('A')).toBeUndefined()
  })
})
