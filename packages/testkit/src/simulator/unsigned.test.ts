import { describe, expect, it } from 'vitest'
import { codeOf, payBody, setup } from './simulator.fixtures.js'

const refund = (refundRequestId: string, value = '300') => ({
  refundRequestId,
  paymentId: 'SIMPAY000001',
  refundAmount: { currency: 'USD', value },
})

describe('unsigned call fault', () => {
  it('after: the gateway acts (state, notifications), the client gets an unsigned F PROCESS_FAIL with 500', () => {
    const { sim } = setup()
    sim.request('pay', payBody({ value: '1000' }))
    sim.faults.next({ kind: 'unsigned', when: 'after', endpoint: 'refund' })
    const outcome = sim.handle('refund', refund('R-1'))
    expect(outcome).toEqual({
      fault: 'unsigned',
      acted: true,
      httpStatus: 500,
      body: { result: { resultStatus: 'F', resultCode: 'PROCESS_FAIL', resultMessage: expect.any(String) } },
    })
    expect(sim.payment('PAY-1')).toMatchObject({ refunded: { minor: 300 }, refundable: { minor: 700 } })
    expect(sim.notifications().map((n) => n.notifyType)).toContain('REFUND_RESULT')
    expect(sim.calls().at(-1)).toMatchObject({
      endpoint: 'refund',
      fault: 'unsigned',
      acted: true,
      result: { resultStatus: 'F', resultCode: 'PROCESS_FAIL' },
    })
    // The retry under the same request id gets the true answer; nothing is refunded twice.
    expect(codeOf(sim.request('refund', refund('R-1')))).toBe('S SUCCESS')
    expect(sim.calls().at(-1)).toMatchObject({ replayed: true, fault: undefined })
    expect(sim.payment('PAY-1')?.refunded.minor).toBe(300)
  })

  it('before: the same kind of answer, and the gateway does nothing', () => {
    const { sim } = setup()
    sim.faults.next({ kind: 'unsigned', when: 'before', httpStatus: 502 })
    const outcome = sim.handle('pay', payBody())
    expect(outcome).toMatchObject({ fault: 'unsigned', acted: false, httpStatus: 502 })
    expect(outcome.body?.result).toMatchObject({ resultStatus: 'F', resultCode: 'PROCESS_FAIL' })
    expect(sim.payment('PAY-1')).toBeUndefined()
    expect(sim.notifications()).toEqual([])
    expect(sim.calls()).toMatchObject([{ fault: 'unsigned', acted: false, result: { resultCode: 'PROCESS_FAIL' } }])
    expect(codeOf(sim.request('pay', payBody()))).toBe('S SUCCESS')
  })

  it('U defaults to UNKNOWN_EXCEPTION; the status, result status and code are the fault’s to choose', () => {
    const { sim } = setup()
    sim.faults.next({ kind: 'unsigned', when: 'after', resultStatus: 'U' })
    expect(sim.handle('pay', payBody())).toMatchObject({
      httpStatus: 500,
      body: { result: { resultStatus: 'U', resultCode: 'UNKNOWN_EXCEPTION' } },
    })
    sim.faults.next({
      kind: 'unsigned',
      when: 'before',
      httpStatus: 200,
      resultStatus: 'F',
      resultCode: 'ORDER_IS_CLOSED',
    })
    expect(sim.handle('inquiryPayment', { paymentRequestId: 'PAY-1' })).toMatchObject({
      httpStatus: 200,
      body: { result: { resultStatus: 'F', resultCode: 'ORDER_IS_CLOSED' } },
    })
  })

  it('request() returns the unsigned body rather than throwing', () => {
    const { sim } = setup()
    sim.faults.next({ kind: 'unsigned', when: 'before' })
    expect(codeOf(sim.request('pay', payBody()))).toBe('F PROCESS_FAIL')
  })

  it('a refused call under an after fault is not acted', () => {
    const { sim } = setup()
    sim.faults.next({ kind: 'unsigned', when: 'after' })
    expect(sim.handle('refund', { refundRequestId: 'R-1' })).toMatchObject({ fault: 'unsigned', acted: false })
    expect(sim.calls()).toMatchObject([{ fault: 'unsigned', acted: false, result: { resultCode: 'PROCESS_FAIL' } }])
  })

  it('refuses a fault it cannot enact, naming the field', () => {
    const { sim } = setup()
    const bad = (fault: object) => () => sim.faults.next({ kind: 'unsigned', when: 'after', ...fault })
    expect(bad({ httpStatus: 700 })).toThrow(/unsigned\.httpStatus/)
    expect(bad({ httpStatus: 204 })).toThrow(/unsigned\.httpStatus/)
    expect(bad({ resultStatus: 'S' })).toThrow(/unsigned\.resultStatus/)
    expect(bad({ resultCode: '' })).toThrow(/unsigned\.resultCode/)
    expect(bad({ when: 'during' })).toThrow(/unsigned\.when/)
    expect(codeOf(sim.request('pay', payBody()))).toBe('S SUCCESS')
  })
})
