import { PaymentIdSchema, PaymentRequestIdSchema } from '@paychart/core/ids'
import * as Schema from 'effect/Schema'
import { ApiResult, Datetime, eitherKey, limited } from './common.js'

const optional = Schema.optionalKey

/** `POST /v1/payments/cancel` (spec/README.md): by paymentId or paymentRequestId; full cancellation only. */
export const CancelRequest = Schema.Struct({
  paymentId: optional(PaymentIdSchema),
  paymentRequestId: optional(PaymentRequestIdSchema),
  merchantAccountId: optional(limited('merchantAccountId')),
}).check(eitherKey('paymentId', 'paymentRequestId'))
export type CancelRequest = typeof CancelRequest.Type

export const CancelResponse = Schema.Struct({
  result: ApiResult,
  paymentId: optional(PaymentIdSchema),
  paymentRequestId: optional(PaymentRequestIdSchema),
  cancelTime: optional(Datetime),
})
export type CancelResponse = typeof CancelResponse.Type
