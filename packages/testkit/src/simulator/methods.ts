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

/**
 * Methods whose funds are authorized first and captured apart, with a CAPTURE_RESULT notification: CARD, GOOGLEPAY and
 * PAYPAL (the Checkout Page's notification answer), APPLEPAY (its inquiry answer) and MIXEDCARD (its inquiry sample,
 * with a CAPTURE transaction). The simulator's own reading of the spec: it does not share the engine's, so that a model
 * test can catch the engine getting it wrong.
 */
const CAPTURED_APART: ReadonlySet<string> = new Set(['CARD', 'MIXEDCARD', 'APPLEPAY', 'GOOGLEPAY', 'PAYPAL'])

export const capturesSeparately = (paymentMethodType: string | undefined): boolean =>
  paymentMethodType !== undefined && CAPTURED_APART.has(paymentMethodType)
