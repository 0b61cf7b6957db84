import { isWebPage } from '@paychart/antom'
import type { PaymentStatus } from '@paychart/core'

export const resultUrl = (paymentRequestId: string): string =>
  `/checkout/${encodeURIComponent(paymentRequestId)}/result`
export const otpUrl = (paymentRequestId: string): string => `/checkout/${encodeURIComponent(paymentRequestId)}/otp`

/**
 * The gateway's page the buyer must visit (a 3DS challenge, a wallet), while the payment waits on them there. Only an
 * http(s) page: nothing else the gateway could name (`javascript:`...) is ever a link or a redirect.
 */
export const customerPageUrl = (status: PaymentStatus): string | undefined => {
  const action = status.customerAction
  const url = status.state === 'awaitingCustomer' && action !== undefined && 'url' in action ? action.url : undefined
  return url !== undefined && isWebPage(url) ? url : undefined
}

/**
 * Where the buyer goes once the engine has answered: the gateway's page while the payment waits on them there, the
 * OTP form while it waits for a code, the result page otherwise (which refreshes itself while the outcome is open).
 */
export const nextStepUrl = (status: PaymentStatus): string =>
  customerPageUrl(status) ??
  (status.state === 'awaitingOtp' ? otpUrl(status.paymentRequestId) : resultUrl(status.paymentRequestId))
