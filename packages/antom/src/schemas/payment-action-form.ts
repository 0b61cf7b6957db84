import { parseStorableJson } from './storable-json.js'

/** What a `paymentActionForm` asks of the client, read from its JSON string; anything unreadable asks nothing. */
export interface PaymentActionForm {
  readonly paymentActionFormType?: string
  readonly [field: string]: unknown
}

export const parsePaymentActionForm = (text: string | undefined): PaymentActionForm | undefined => {
  if (text === undefined) return undefined
  try {
    const value: unknown = parseStorableJson(text)
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
    const type = (value as Record<string, unknown>).paymentActionFormType
    return typeof type === 'string' || type === undefined ? (value as PaymentActionForm) : undefined
  } catch {
    return undefined
  }
}

/** Whether the gateway asks the client to collect a one-time password before `verifyAndCompletePayment`. */
export const asksForOtp = (text: string | undefined): boolean =>
  parsePaymentActionForm(text)?.paymentActionFormType === 'OTP'
