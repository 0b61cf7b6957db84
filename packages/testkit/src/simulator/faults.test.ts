import { describe, expect, it } from 'vitest'
import { isoTime } from './clock.js'
import { codeOf, payBody, setup, T0 } from './simulator.fixtures.js'

const capture = (captureRequestId: string) => ({
  captureRequestId,
  paymentId: 'SIMPAY000001',
  captureAmount: { currency: 'USD', value: '1099' },
})

describe('call faults', () => {
  it('unknown: U UNKNOWN_EXCEPTION without acting; the retry acts', () => {
    const { sim } = setup()
    sim.faults.next({ kind: 'unknown' })
    expect(codeOf(sim.request('pay', payBody()))).toBe('U UNKNOWN_EXCEPTION')
    expect(sim.payment('PAY-1')).toBeUndefined()
    expect(codeOf(sim.request('pay', payBody()))).toBe('S SUCCESS')
    expect(sim.calls().map((c) => [c.fault, c.acted])).toEqual([
      ['unknown', false],
      [undefined, true],
    ])
  })

  it('traffic: U REQUEST_TRAFFIC_EXCEED_LIMIT without acting', () => {
    const { sim } = setup()
    sim.faults.next({ kind: 'traffic' })
    expect(codeOf(sim.request('pay', payBody()))).toBe('U REQUEST_TRAFFIC_EXCEED_LIMIT')
    expect(sim.notifications()).toEqual([])
  })

  it('records a refused call (invalid, or a request id repeated with another body) as not acted', () => {
    const { sim, clock } = setup()
    expect(codeOf(sim.request('pay', payBody({ paymentExpiryTime: isoTime(T0) })))).toBe('F PARAM_ILLEGAL')
    expect(codeOf(sim.request('pay', payBody({ paymentRequestId: 'PAY-2' })))).toBe('S SUCCESS')
    clock.advance(1000)
    expect(codeOf(sim.request('pay', payBody({ paymentRequestId: 'PAY-2', value: '1100' })))).toBe(
      'F REPEAT_REQ_INCONSISTENT',
    )
    expect(sim.calls().map((c) => [c.result?.resultCode, c.acted])).toEqual([
      ['PARAM_ILLEGAL', false],
      ['SUCCESS', true],
      ['REPEAT_REQ_INCONSISTENT', false],
    ])
    sim.faults.next({ kind: 'timeoutAfter' })
    expect(sim.handle('pay', payBody({ paymentRequestId: 'PAY-3', paymentExpiryTime: isoTime(T0) }))).toEqual({
      fault: 'timeoutAfter',
      acted: false,
    })
  })

  it('timeoutBefore and dropConnection: no answer, nothing done', () => {
    const { sim } = setup()
    sim.faults.next({ kind: 'timeoutBefore', holdMs: 5000 })
    expect(sim.handle('pay', payBody())).toEqual({ fault: 'timeoutBefore', acted: false, holdMs: 5000 })
    sim.faults.next({ kind: 'dropConnection' })
    expect(sim.handle('pay', payBody())).toEqual({ fault: 'dropConnection', acted: false })
    expect(sim.payment('PAY-1')).toBeUndefined()
    expect(() => {
      sim.faults.next({ kind: 'timeoutBefore' })
      sim.request('pay', payBody())
    }).toThrow(/withheld/)
  })

  it('landsLate: no answer and nothing done until deliverLateCalls, when the gateway acts on it', () => {
    const { sim } = setup()
    sim.faults.next({ kind: 'landsLate', endpoint: 'pay' })
    expect(sim.handle('pay', payBody())).toEqual({ fault: 'timeoutBefore', acted: false })
    expect(sim.payment('PAY-1')).toBeUndefined()
    expect(codeOf(sim.request('inquiryPayment', { paymentRequestId: 'PAY-1' }))).toBe('F ORDER_NOT_EXIST')
    expect(sim.deliverLateCalls()).toBe(1)
    expect(sim.payment('PAY-1')?.status).toBe('captured')
    expect(sim.deliverLateCalls()).toBe(0)
    expect(sim.calls().map((c) => [c.endpoint, c.fault, c.acted])).toEqual([
      ['pay', 'landsLate', false],
      ['inquiryPayment', undefined, true],
      ['pay', 'landsLate', true],
    ])
  })

  it('landsLate with afterMs: held until that much time has passed on the clock', () => {
    const { sim, clock } = setup()
    sim.faults.next({ kind: 'landsLate', endpoint: 'pay', afterMs: 3_600_000 })
    sim.handle('pay', payBody())
    expect(sim.nextLateCallAt()).toBe(clock.now() + 3_600_000)
    clock.advance(3_599_999)
    expect(sim.deliverLateCalls()).toBe(0)
    expect(sim.payment('PAY-1')).toBeUndefined()
    clock.advance(1)
    expect(sim.deliverLateCalls()).toBe(1)
    expect(sim.payment('PAY-1')?.status).toBe('captured')
    expect(sim.nextLateCallAt()).toBeUndefined()
  })

  it('timeoutAfter: acts and withholds the answer; the retry replays it, nothing happens twice', () => {
    const { sim } = setup()
    sim.faults.next({ kind: 'timeoutAfter' })
    const silent = sim.handle('pay', payBody())
    expect(silent).toMatchObject({ fault: 'timeoutAfter', acted: true, body: { result: { resultCode: 'SUCCESS' } } })
    expect(sim.payment('PAY-1')?.status).toBe('captured')
    expect(sim.request('pay', payBody())).toEqual(silent.body)
    expect(sim.notifications()).toHaveLength(2)
  })

  it('dropConnection after: acts, no answer', () => {
    const { sim } = setup()
    sim.faults.next({ kind: 'dropConnection', when: 'after' })
    expect(sim.handle('pay', payBody())).toMatchObject({ fault: 'dropConnection', acted: true })
    expect(sim.payment('PAY-1')).toBeDefined()
  })

  it('targets an endpoint and a count; other calls pass', () => {
    const { sim } = setup()
    sim.faults.next({ kind: 'timeoutAfter', endpoint: 'capture', count: 2 })
    expect(codeOf(sim.request('pay', payBody({ captureMode: 'MANUAL' })))).toBe('S SUCCESS')
    expect(sim.handle('capture', capture('CAP-1')).fault).toBe('timeoutAfter')
    expect(sim.handle('capture', capture('CAP-1')).fault).toBe('timeoutAfter')
    expect(codeOf(sim.request('capture', capture('CAP-1')))).toBe('S SUCCESS')
    // The gateway saw one capture under one request id, however often it was asked.
    const captures = sim.payment('PAY-1')?.calls.filter((c) => c.endpoint === 'capture') ?? []
    expect(captures.map((c) => [c.ids.captureRequestId, c.replayed, c.fault])).toEqual([
      ['CAP-1', false, 'timeoutAfter'],
      ['CAP-1', true, 'timeoutAfter'],
      ['CAP-1', true, undefined],
    ])
    expect(new Set(captures.map((c) => c.ids.captureRequestId)).size).toBe(1)
    expect(sim.notifications().filter((n) => n.notifyType === 'CAPTURE_RESULT')).toHaveLength(1)
  })

  it('clears queued faults', () => {
    const { sim } = setup()
    sim.faults.next({ kind: 'unknown' })
    sim.faults.nextNotifications({ kind: 'drop' })
    sim.faults.clear()
    expect(codeOf(sim.request('pay', payBody()))).toBe('S SUCCESS')
    expect(sim.dueNotifications()).toHaveLength(2)
    expect(() => sim.faults.next({ kind: 'unknown', count: 0 })).toThrow(RangeError)
  })
})
