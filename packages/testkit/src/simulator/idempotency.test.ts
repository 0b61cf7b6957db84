import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { codeOf, DECLINE_VISA, payBody, setup, THREE_DS_VISA } from './simulator.fixtures.js'

describe('paymentRequestId idempotency', () => {
  it('answers a repeated pay with the first answer and acts once', () => {
    const { sim, clock } = setup()
    const first = sim.request('pay', payBody())
    clock.advance(1000)
    expect(sim.request('pay', payBody())).toEqual(first)
    expect(sim.paymentById('SIMPAY000002')).toBeUndefined()
    expect(sim.notifications()).toHaveLength(2)
    expect(sim.payment('PAY-1')?.calls.map((c) => [c.endpoint, c.replayed])).toEqual([
      ['pay', false],
      ['pay', true],
    ])
  })

  it('replays a decline and an in-process answer as they were', () => {
    const { sim } = setup()
    const declined = sim.request('pay', payBody({ cardNo: DECLINE_VISA }))
    expect(sim.request('pay', payBody({ cardNo: DECLINE_VISA }))).toEqual(declined)
    const pending = sim.request('pay', payBody({ paymentRequestId: 'PAY-2', cardNo: THREE_DS_VISA }))
    expect(sim.request('pay', payBody({ paymentRequestId: 'PAY-2', cardNo: THREE_DS_VISA }))).toEqual(pending)
    sim.completeChallenge('SIMPAY000002', 'pass')
    expect(sim.request('pay', payBody({ paymentRequestId: 'PAY-2', cardNo: THREE_DS_VISA }))).toEqual(pending)
    sim.request('pay', payBody({ paymentRequestId: 'PAY-3', cardNo: THREE_DS_VISA }))
    sim.completeChallenge('SIMPAY000003', 'fail')
    expect(codeOf(sim.request('pay', payBody({ paymentRequestId: 'PAY-3', cardNo: THREE_DS_VISA })))).toBe(
      'F ORDER_IS_CLOSED',
    )
  })

  it('answers REPEAT_REQ_INCONSISTENT to another amount or currency and acts not at all', () => {
    const { sim } = setup()
    sim.request('pay', payBody({ captureMode: 'MANUAL' }))
    expect(codeOf(sim.request('pay', payBody({ value: '1100' })))).toBe('F REPEAT_REQ_INCONSISTENT')
    expect(codeOf(sim.request('pay', payBody({ currency: 'EUR' })))).toBe('F REPEAT_REQ_INCONSISTENT')
    expect(sim.payment('PAY-1')).toMatchObject({ status: 'authorized', amount: { currency: 'USD', minor: 1099 } })
  })

  it('replays iff amount and currency are the same (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom('USD', 'EUR', 'JPY'),
        fc.constantFrom('USD', 'EUR', 'JPY'),
        (a, b, ca, cb) => {
          const { sim } = setup()
          const first = sim.request('pay', payBody({ value: String(a), currency: ca }))
          const second = sim.request('pay', payBody({ value: String(b), currency: cb }))
          if (a === b && ca === cb) expect(second).toEqual(first)
          else expect(codeOf(second)).toBe('F REPEAT_REQ_INCONSISTENT')
          expect(sim.snapshot()).toMatchObject({ paymentRequestIdById: { SIMPAY000001: 'PAY-1' } })
          expect(Object.keys((sim.snapshot() as { payments: object }).payments)).toEqual(['PAY-1'])
        },
      ),
      { numRuns: 100 },
    )
  })
})
