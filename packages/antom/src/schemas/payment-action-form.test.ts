import { describe, expect, it } from 'vitest'
import { asksForOtp, parsePaymentActionForm } from './payment-action-form.js'

describe('paymentActionForm', () => {
  it('reads the form type from its JSON string', () => {
    expect(parsePaymentActionForm('{"paymentActionFormType":"OTP","otpLength":6}')).toEqual({
      paymentActionFormType: 'OTP',
      otpLength: 6,
    })
    expect(asksForOtp('{"paymentActionFormType":"OTP"}')).toBe(true)
    expect(asksForOtp('{"paymentActionFormType":"BANK_TRANSFER_CODE"}')).toBe(false)
  })

  it('asks nothing when the form is absent or unreadable', () => {
    for (const text of [undefined, '', 'not json', '[]', 'null', '{"paymentActionFormType":7}']) {
      expect(asksForOtp(text)).toBe(false)
    }
  })
})
