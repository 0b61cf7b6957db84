import { describe, expect, it } from 'vitest'
import { parseSimPath } from './paths.js'
import { codeOf, drainNotifications, payBody, SUCCESS_VISA, setup, str, THREE_DS_VISA } from './simulator.fixtures.js'

describe('3DS challenge', () => {
  it('answers U PAYMENT_IN_PROCESS with the challenge page, then authorizes and captures on pass', () => {
    const { sim } = setup()
    const body = sim.request('pay', payBody({ cardNo: THREE_DS_VISA }))
    expect(codeOf(body)).toBe('U PAYMENT_IN_PROCESS')
    expect(str(body, 'normalUrl')).toBe('https://sim.test/sim/3ds/SIMPAY000001')
    expect(parseSimPath(new URL(str(body, 'normalUrl')).pathname)).toEqual({ page: '3ds', id: 'SIMPAY000001' })
    expect(sim.payment('PAY-1')).toMatchObject({ status: 'pending', step: 'threeDs', paymentStatus: 'PROCESSING' })
    expect(sim.dueNotifications()).toEqual([])

    const done = sim.completeChallenge('SIMPAY000001', 'pass')
    expect(done).toMatchObject({
      ok: true,
      redirectUrl: 'https://merchant.test/return',
      payment: { status: 'captured' },
    })
    expect(drainNotifications(sim)).toEqual(['PAYMENT_RESULT', 'CAPTURE_RESULT'])
  })

  it('challenges a success card when the request asks for 3DS, and keeps MANUAL authorized on pass', () => {
    const { sim } = setup()
    const body = sim.request('pay', payBody({ cardNo: SUCCESS_VISA, is3DS: true, captureMode: 'MANUAL' }))
    expect(codeOf(body)).toBe('U PAYMENT_IN_PROCESS')
    sim.completeChallenge('SIMPAY000001', 'pass')
    expect(sim.payment('PAY-1')?.status).toBe('authorized')
    expect(drainNotifications(sim)).toEqual(['PAYMENT_RESULT'])
  })

  it('fails with USER_PAYMENT_VERIFICATION_FAILED (or the given code) and a PAYMENT_RESULT F', () => {
    const { sim } = setup()
    sim.request('pay', payBody({ cardNo: THREE_DS_VISA }))
    sim.completeChallenge('SIMPAY000001', 'fail')
    expect(sim.payment('PAY-1')).toMatchObject({ status: 'failed', resultCode: 'USER_PAYMENT_VERIFICATION_FAILED' })
    const [notification] = sim.dueNotifications()
    expect(notification?.body.result).toMatchObject({
      resultStatus: 'F',
      resultCode: 'USER_PAYMENT_VERIFICATION_FAILED',
    })

    sim.request('pay', payBody({ paymentRequestId: 'PAY-2', cardNo: THREE_DS_VISA }))
    sim.completeChallenge('SIMPAY000002', 'fail', { resultCode: 'AUTHENTICATION_REQUIRED' })
    expect(sim.payment('PAY-2')?.resultCode).toBe('AUTHENTICATION_REQUIRED')
  })

  it('challenges the AUTHENTICATION_REQUIRED card only when 3DS is requested', () => {
    const { sim } = setup()
    expect(codeOf(sim.request('pay', payBody({ cardNo: '4000000000000606' })))).toBe('F AUTHENTICATION_REQUIRED')
    const body = sim.request('pay', payBody({ paymentRequestId: 'PAY-2', cardNo: '4000000000000606', is3DS: true }))
    expect(codeOf(body)).toBe('U PAYMENT_IN_PROCESS')
  })

  it('refuses to settle a challenge twice, a wallet payment, or an unknown payment', () => {
    const { sim } = setup()
    sim.request('pay', payBody({ cardNo: THREE_DS_VISA }))
    sim.completeChallenge('SIMPAY000001', 'pass')
    expect(sim.completeChallenge('SIMPAY000001', 'fail')).toEqual({ ok: false, reason: 'notAwaiting' })
    expect(sim.payment('PAY-1')?.status).toBe('captured')
    sim.request('pay', payBody({ paymentRequestId: 'PAY-2', method: 'GCASH' }))
    expect(sim.completeChallenge('SIMPAY000002', 'pass')).toEqual({ ok: false, reason: 'notAwaiting' })
    expect(sim.completeChallenge('nope', 'pass')).toEqual({ ok: false, reason: 'notFound' })
  })
})

describe('wallets', () => {
  it('answers U PAYMENT_IN_PROCESS with the wallet page and pays on pass, with PAYMENT_RESULT only', () => {
    const { sim } = setup()
    const body = sim.request('pay', payBody({ method: 'ALIPAY_CN' }))
    expect(codeOf(body)).toBe('U PAYMENT_IN_PROCESS')
    expect(str(body, 'normalUrl')).toBe('https://sim.test/sim/wallet/SIMPAY000001')
    expect(sim.completeWallet('SIMPAY000001', 'pass')).toMatchObject({ ok: true, payment: { status: 'captured' } })
    expect(sim.payment('PAY-1')).toMatchObject({ captured: { minor: 1099 }, authorized: undefined })
    expect(drainNotifications(sim)).toEqual(['PAYMENT_RESULT'])
  })

  it('fails on fail (USER_BALANCE_NOT_ENOUGH by default)', () => {
    const { sim } = setup()
    sim.request('pay', payBody({ method: 'GCASH' }))
    sim.completeWallet('SIMPAY000001', 'fail')
    expect(sim.payment('PAY-1')).toMatchObject({ status: 'failed', resultCode: 'USER_BALANCE_NOT_ENOUGH' })
  })

  it('queues PAYMENT_PENDING on pending and settles later', () => {
    const { sim } = setup()
    sim.request('pay', payBody({ method: 'GCASH' }))
    sim.completeWallet('SIMPAY000001', 'pending')
    const [pending] = sim.dueNotifications()
    expect(pending?.body).toMatchObject({
      notifyType: 'PAYMENT_PENDING',
      result: { resultStatus: 'U', resultCode: 'PAYMENT_IN_PROCESS' },
    })
    sim.completeWallet('SIMPAY000001', 'pass')
    expect(sim.payment('PAY-1')?.status).toBe('captured')
  })

  it('captures PAYPAL separately: PAYMENT_RESULT then CAPTURE_RESULT', () => {
    const { sim } = setup()
    sim.request('pay', payBody({ method: 'PAYPAL' }))
    sim.completeWallet('SIMPAY000001', 'pass')
    expect(drainNotifications(sim)).toEqual(['PAYMENT_RESULT', 'CAPTURE_RESULT'])
  })
})
