import { describe, expect, it } from 'vitest'
import { DAY } from './clock.js'
import { codeOf, drainNotifications, payBody, setup, THREE_DS_VISA } from './simulator.fixtures.js'

const captureBody = (captureRequestId: string, value = '1099', currency = 'USD', paymentId = 'SIMPAY000001') => ({
  captureRequestId,
  paymentId,
  captureAmount: { currency, value },
})

const manual = (options: Parameters<typeof setup>[0] = {}) => {
  const env = setup(options)
  env.sim.request('pay', payBody({ captureMode: 'MANUAL' }))
  drainNotifications(env.sim)
  return env
}

describe('capture', () => {
  it('captures an authorized MANUAL payment once and queues CAPTURE_RESULT', () => {
    const { sim } = manual()
    const body = sim.request('capture', captureBody('CAP-1'))
    expect(codeOf(body)).toBe('S SUCCESS')
    expect(body).toMatchObject({
      captureRequestId: 'CAP-1',
      captureId: 'SIMCAP000001',
      paymentId: 'SIMPAY000001',
      captureAmount: { currency: 'USD', value: '1099' },
    })
    expect(sim.payment('PAY-1')).toMatchObject({ status: 'captured', captured: { minor: 1099 } })
    const [notification] = sim.dueNotifications()
    expect(notification?.body).toMatchObject({ notifyType: 'CAPTURE_RESULT', captureRequestId: 'CAP-1' })
  })

  it('captures less than authorized, and refuses more with INVALID_AMOUNT', () => {
    const { sim } = manual()
    expect(codeOf(sim.request('capture', captureBody('CAP-1', '1100')))).toBe('F INVALID_AMOUNT')
    expect(codeOf(sim.request('capture', captureBody('CAP-2', '600')))).toBe('S SUCCESS')
    expect(sim.payment('PAY-1')?.captured.minor).toBe(600)
  })

  it('replays the same captureRequestId without capturing twice; another id is ORDER_STATUS_INVALID', () => {
    const { sim } = manual()
    const first = sim.request('capture', captureBody('CAP-1'))
    expect(sim.request('capture', captureBody('CAP-1'))).toEqual(first)
    expect(codeOf(sim.request('capture', captureBody('CAP-1', '1000')))).toBe('F REPEAT_REQ_INCONSISTENT')
    expect(codeOf(sim.request('capture', captureBody('CAP-1', '1099', 'EUR')))).toBe('F REPEAT_REQ_INCONSISTENT')
    expect(codeOf(sim.request('capture', captureBody('CAP-2')))).toBe('F ORDER_STATUS_INVALID')
    expect(sim.dueNotifications().map((d) => d.notifyType)).toEqual(['CAPTURE_RESULT'])
    const captures = sim
      .payment('PAY-1')
      ?.calls.filter((c) => c.endpoint === 'capture' && c.result?.resultStatus === 'S')
    expect(captures?.map((c) => [c.ids.captureRequestId, c.replayed])).toEqual([
      ['CAP-1', false],
      ['CAP-1', true],
    ])
  })

  it('refuses automatic, wallet, pending, unknown, other-currency and late captures', () => {
    const { sim, clock } = manual()
    sim.request('pay', payBody({ paymentRequestId: 'AUTO' }))
    sim.request('pay', payBody({ paymentRequestId: 'WALLET', method: 'GCASH' }))
    sim.completeWallet('SIMPAY000003', 'pass')
    sim.request('pay', payBody({ paymentRequestId: 'PENDING', cardNo: THREE_DS_VISA, captureMode: 'MANUAL' }))
    expect(codeOf(sim.request('capture', captureBody('C-2', '1099', 'USD', 'SIMPAY000002')))).toBe(
      'F ORDER_STATUS_INVALID',
    )
    expect(codeOf(sim.request('capture', captureBody('C-3', '1099', 'USD', 'SIMPAY000003')))).toBe(
      'F ORDER_STATUS_INVALID',
    )
    expect(codeOf(sim.request('capture', captureBody('C-4', '1099', 'USD', 'SIMPAY000004')))).toBe(
      'F ORDER_STATUS_INVALID',
    )
    expect(codeOf(sim.request('capture', captureBody('C-5', '1099', 'USD', 'nope')))).toBe('F ORDER_NOT_EXIST')
    expect(codeOf(sim.request('capture', captureBody('C-6', '1099', 'EUR')))).toBe('F PARAM_ILLEGAL')
    clock.advance(7 * DAY + 1)
    expect(codeOf(sim.request('capture', captureBody('C-7')))).toBe('F ORDER_STATUS_INVALID')
    expect(sim.payment('PAY-1')?.status).toBe('authorized')
  })

  it('captures within the window', () => {
    const { sim, clock } = manual()
    clock.advance(7 * DAY)
    expect(codeOf(sim.request('capture', captureBody('C-1')))).toBe('S SUCCESS')
  })

  it('answers PARAM_ILLEGAL for a missing captureRequestId or a zero amount', () => {
    const { sim } = manual()
    expect(
      codeOf(sim.request('capture', { paymentId: 'SIMPAY000001', captureAmount: { currency: 'USD', value: '1' } })),
    ).toBe('F PARAM_ILLEGAL')
    expect(codeOf(sim.request('capture', captureBody('C-1', '0')))).toBe('F PARAM_ILLEGAL')
  })
})

describe('cancel', () => {
  it('cancels a pending payment; its challenge can no longer be settled', () => {
    const { sim } = setup()
    sim.request('pay', payBody({ cardNo: THREE_DS_VISA }))
    const body = sim.request('cancel', { paymentId: 'SIMPAY000001' })
    expect(codeOf(body)).toBe('S SUCCESS')
    expect(body).toMatchObject({ paymentId: 'SIMPAY000001', paymentRequestId: 'PAY-1' })
    expect(sim.payment('PAY-1')).toMatchObject({ status: 'cancelled', paymentStatus: 'CANCELLED' })
    expect(sim.completeChallenge('SIMPAY000001', 'pass')).toEqual({ ok: false, reason: 'notAwaiting' })
  })

  it('cancels an authorization; capture is then ORDER_STATUS_INVALID; cancelling again is S', () => {
    const { sim } = manual()
    expect(codeOf(sim.request('cancel', { paymentRequestId: 'PAY-1' }))).toBe('S SUCCESS')
    expect(codeOf(sim.request('capture', captureBody('CAP-1')))).toBe('F ORDER_STATUS_INVALID')
    expect(codeOf(sim.request('cancel', { paymentRequestId: 'PAY-1' }))).toBe('S SUCCESS')
    expect(codeOf(sim.request('pay', payBody({ captureMode: 'MANUAL' })))).toBe('F ORDER_IS_CANCELED')
  })

  it('refuses to cancel a captured or failed payment, and an unknown one', () => {
    const { sim } = setup()
    sim.request('pay', payBody())
    expect(codeOf(sim.request('cancel', { paymentRequestId: 'PAY-1' }))).toBe('F ORDER_STATUS_INVALID')
    expect(sim.payment('PAY-1')?.status).toBe('captured')
    sim.request('pay', payBody({ paymentRequestId: 'PAY-2', cardNo: '4054692760174822' }))
    expect(codeOf(sim.request('cancel', { paymentRequestId: 'PAY-2' }))).toBe('F ORDER_STATUS_INVALID')
    expect(codeOf(sim.request('cancel', { paymentRequestId: 'nope' }))).toBe('F ORDER_NOT_EXIST')
    expect(codeOf(sim.request('cancel', {}))).toBe('F PARAM_ILLEGAL')
  })
})
