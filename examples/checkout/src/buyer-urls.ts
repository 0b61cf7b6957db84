import type { PaymentStatus } from '@paychart/core'

export const resultUrl = (paymentRequestId: string): string =>
  `/checkout/${encodeURIComponent(paymentRequestId)}/result`
export const otpUrl = (paymentRequestId: string): string => `/checkout/${encodeURIComponent(paymentRequestId)}/otp`

/** The gateway's page the buyer must visit (a 3DS challenge, a wallet), while the payment waits on them there. */
export const customerPageUrl = (status: PaymentStatus): string | undefined => {
  const action = status.customerAction
  return status.state === 'awaitingCustomer' && action !== undefined && 'url' in action ? action.url : undefined
}

/**
 * Where the buyer goes once the engine has answered: the gateway's page while the payment waits on them there, the
 * OTP form while it waits for a code, the result page otherwise (which refreshes itself while the outcome is open).
 */
export const nextStepUrl = (status: PaymentStatus): string =>
  customerPageUrl(status) ??
  (status.state === 'awaitingOtp' ? otpUrl(status.paymentRequestId) : resultUrl(status.paymentRequestId))
