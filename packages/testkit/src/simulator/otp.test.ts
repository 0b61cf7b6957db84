import { describe, expect, it } from 'vitest'
import { MINUTE } from './clock.js'
import { codeOf, OTP_VISA, payBody, setup } from './simulator.fixtures.js'

const verify = (verifyRequestId: string, otpValue: string, paymentId = 'SIMPAY000001') => ({
  verifyRequestId,
  paymentId,
  verifyMethod: { verifyMethodType: 'SMS_OTP', otpValue },
})

const otpPayment = (options: Parameters<typeof setup>[0] = {}) => {
  const env = setup(options)
  const body = env.sim.request('pay', payBody({ method: 'OTP_WALLET' }))
  return { ...env, body }
}

describe('OTP', () => {
  it('asks for an OTP: U PAYMENT_IN_PROCESS, no URL, an OTP action form', () => {
    const { body, sim } = otpPayment()
    expect(codeOf(body)).toBe('U PAYMENT_IN_PROCESS')
    expect(body.normalUrl).toBeUndefined()
    expect(JSON.parse(String(body.paymentActionForm))).toEqual({ paymentActionFormType: 'OTP', otpLength: 6 })
    expect(sim.payment('PAY-1')).toMatchObject({ status: 'pending', step: 'otp' })
  })

  it('completes with the right code', () => {
    const { sim } = otpPayment()
    const body = sim.request('verifyAndCompletePayment', verify('V-1', '123456'))
    expect(codeOf(body)).toBe('S SUCCESS')
    expect(body).toMatchObject({ paymentId: 'SIMPAY000001', paymentRequestId: 'PAY-1', verifyRequestId: 'V-1' })
    expect(sim.payment('PAY-1')?.status).toBe('captured')
    expect(sim.dueNotifications().map((d) => d.notifyType)).toEqual(['PAYMENT_RESULT'])
  })

  it('answers VERIFY_UNMATCHED for a wrong code and VERIFY_TIMES_EXCEED_LIMIT at the third, then fails', () => {
    const { sim } = otpPayment()
    expect(codeOf(sim.request('verifyAndCompletePayment', verify('V-1', '000000')))).toBe('F VERIFY_UNMATCHED')
    expect(codeOf(sim.request('verifyAndCompletePayment', verify('V-2', '000001')))).toBe('F VERIFY_UNMATCHED')
    expect(sim.payment('PAY-1')?.status).toBe('pending')
    expect(codeOf(sim.request('verifyAndCompletePayment', verify('V-3', '000002')))).toBe('F VERIFY_TIMES_EXCEED_LIMIT')
    expect(sim.payment('PAY-1')).toMatchObject({ status: 'failed', resultCode: 'VERIFY_TIMES_EXCEED_LIMIT' })
    expect(codeOf(sim.request('verifyAndCompletePayment', verify('V-4', '123456')))).toBe('F VERIFY_TIMES_EXCEED_LIMIT')
  })

  it('takes the code and the number of attempts from the options', () => {
    const { sim } = otpPayment({ otp: { code: '999999', maxAttempts: 1 } })
    expect(codeOf(sim.request('verifyAndCompletePayment', verify('V-1', '123456')))).toBe('F VERIFY_TIMES_EXCEED_LIMIT')
    const other = otpPayment({ otp: { code: '999999' } })
    expect(codeOf(other.sim.request('verifyAndCompletePayment', verify('V-1', '999999')))).toBe('S SUCCESS')
  })

  it('accepts the code at the end of the window and answers EXPIRED_CODE after it', () => {
    const early = otpPayment()
    early.clock.advance(5 * MINUTE)
    expect(codeOf(early.sim.request('verifyAndCompletePayment', verify('V-1', '123456')))).toBe('S SUCCESS')

    const late = otpPayment()
    late.clock.advance(5 * MINUTE + 1)
    expect(codeOf(late.sim.request('verifyAndCompletePayment', verify('V-1', '123456')))).toBe('F EXPIRED_CODE')
    expect(late.sim.payment('PAY-1')).toMatchObject({ status: 'failed', resultCode: 'EXPIRED_CODE' })
    expect(codeOf(late.sim.request('verifyAndCompletePayment', verify('V-2', '123456')))).toBe('F EXPIRED_CODE')
  })

  it('honours a shorter window from the options', () => {
    const { sim, clock } = otpPayment({ otp: { windowMs: MINUTE } })
    clock.advance(MINUTE + 1)
    expect(codeOf(sim.request('verifyAndCompletePayment', verify('V-1', '123456')))).toBe('F EXPIRED_CODE')
  })

  it('replays the first answer to a verifyRequestId and rejects it for another payment', () => {
    const { sim } = otpPayment()
    const first = sim.request('verifyAndCompletePayment', verify('V-1', '000000'))
    // The same verifyRequestId with the right code is still the first request: no second attempt is counted.
    expect(sim.request('verifyAndCompletePayment', verify('V-1', '123456'))).toEqual(first)
    expect(sim.request('verifyAndCompletePayment', verify('V-1', '000000'))).toEqual(first)
    const calls = sim.calls().filter((call) => call.endpoint === 'verifyAndCompletePayment')
    expect(calls.map((call) => call.replayed)).toEqual([false, true, true])
    expect(codeOf(sim.request('verifyAndCompletePayment', verify('V-2', '000000')))).toBe('F VERIFY_UNMATCHED')
    expect(codeOf(sim.request('verifyAndCompletePayment', verify('V-3', '123456')))).toBe('S SUCCESS')
    expect(sim.request('verifyAndCompletePayment', verify('V-3', '123456')).result.resultCode).toBe('SUCCESS')
    expect(codeOf(sim.request('verifyAndCompletePayment', verify('V-3', '123456', 'SIMPAY000009')))).toBe(
      'F REPEAT_REQ_INCONSISTENT',
    )
  })

  it('verifies an OTP card and keeps a MANUAL one authorized', () => {
    const { sim } = setup()
    const body = sim.request('pay', payBody({ cardNo: OTP_VISA, captureMode: 'MANUAL' }))
    expect(JSON.parse(String(body.paymentActionForm))).toEqual({ paymentActionFormType: 'OTP', otpLength: 6 })
    expect(codeOf(sim.request('verifyAndCompletePayment', verify('V-1', '123456')))).toBe('S SUCCESS')
    expect(sim.payment('PAY-1')?.status).toBe('authorized')
  })

  it('refuses a payment without OTP, an unknown payment and a wrong verifyMethod', () => {
    const { sim } = setup()
    sim.request('pay', payBody({ method: 'GCASH' }))
    expect(codeOf(sim.request('verifyAndCompletePayment', verify('V-1', '123456')))).toBe('F ORDER_STATUS_INVALID')
    expect(codeOf(sim.request('verifyAndCompletePayment', verify('V-2', '123456', 'nope')))).toBe('F ORDER_NOT_EXIST')
    const wrongType = { ...verify('V-3', '123456'), verifyMethod: { verifyMethodType: 'PIN', otpValue: '1' } }
    expect(codeOf(sim.request('verifyAndCompletePayment', wrongType))).toBe('F PARAM_ILLEGAL')
    const noCode = { ...verify('V-4', '123456'), verifyMethod: { verifyMethodType: 'SMS_OTP' } }
    expect(codeOf(sim.request('verifyAndCompletePayment', noCode))).toBe('F PARAM_ILLEGAL')
  })

  it('answers ORDER_STATUS_INVALID after success and ORDER_IS_CANCELED after cancel', () => {
    const { sim } = otpPayment()
    sim.request('verifyAndCompletePayment', verify('V-1', '123456'))
    expect(codeOf(sim.request('verifyAndCompletePayment', verify('V-2', '123456')))).toBe('F ORDER_STATUS_INVALID')
    sim.request('pay', payBody({ paymentRequestId: 'PAY-2', method: 'OTP_WALLET' }))
    sim.request('cancel', { paymentRequestId: 'PAY-2' })
    expect(codeOf(sim.request('verifyAndCompletePayment', verify('V-3', '123456', 'SIMPAY000002')))).toBe(
      'F ORDER_IS_CANCELED',
    )
  })
})
