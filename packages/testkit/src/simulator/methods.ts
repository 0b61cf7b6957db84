import { capturesSeparately } from '@paychart/core/machine'

/** How the simulator treats a payment method type in `pay`. */
export type MethodKind = 'card' | 'otpWallet' | 'wallet'

/** The OTP method: U PAYMENT_IN_PROCESS with an OTP action form and no URL. */
export const OTP_WALLET = 'OTP_WALLET'

export const methodKind = (paymentMethodType: string): MethodKind => {
  if (paymentMethodType === 'CARD') return 'card'
  if (paymentMethodType === OTP_WALLET) return 'otpWallet'
  return 'wallet'
}

export const isBankTransfer = (paymentMethodType: string): boolean => /BANK_?TRANSFER/.test(paymentMethodType)

/** CARD, GOOGLEPAY and PAYPAL are authorized first and captured apart (with CAPTURE_RESULT); others are paid at once. */
export { capturesSeparately }
