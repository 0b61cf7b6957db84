import { PaymentIdSchema, PaymentRequestIdSchema, VerifyRequestIdSchema } from '@paychart/core/ids'
import { moneyFromWire } from '@paychart/core/money'
import * as Schema from 'effect/Schema'
import { AcquirerInfo, ApiResult, Datetime } from './common.js'
import { ENUMS, FIELD_LIMITS } from './field-limits.data.js'
import { SAFE_MESSAGES, sensitive } from './sensitive.js'

const optional = Schema.optionalKey

const Otp = Schema.String.check(
  Schema.isMinLength(1, { message: SAFE_MESSAGES.otpValue }),
  Schema.isMaxLength(FIELD_LIMITS.otpValue.maxLength, { message: SAFE_MESSAGES.otpValue }),
)

/** The verification challenge (antom-reference): the OTP the customer typed, `Redacted` until encoded. */
export const VerifyMethod = Schema.Struct({
  verifyMethodType: Schema.Literals(ENUMS.verifyMethodType),
  otpValue: sensitive(Otp),
})
export type VerifyMethod = typeof VerifyMethod.Type

/** `POST /v1/payments/verifyAndCompletePayment` (verifyAndCompletePayment.txt): all three fields REQUIRED. */
export const VerifyAndCompletePaymentRequest = Schema.Struct({
  verifyMethod: VerifyMethod,
  paymentId: PaymentIdSchema,
  verifyRequestId: VerifyRequestIdSchema,
})
export type VerifyAndCompletePaymentRequest = typeof VerifyAndCompletePaymentRequest.Type

export const VerifyAndCompletePaymentResponse = Schema.Struct({
  result: ApiResult,
  paymentRequestId: optional(PaymentRequestIdSchema),
  verifyRequestId: optional(VerifyRequestIdSchema),
  paymentId: optional(PaymentIdSchema),
  paymentAmount: optional(moneyFromWire('paymentAmount')),
  paymentCreateTime: optional(Datetime),
  acquirerInfo: optional(AcquirerInfo),
})
export type VerifyAndCompletePaymentResponse = typeof VerifyAndCompletePaymentResponse.Type
