import { PaymentIdSchema, RefundRequestIdSchema } from '@paychart/core/ids'
import { moneyFromWire } from '@paychart/core/money'
import * as Schema from 'effect/Schema'
import { CaptureId } from './capture.js'
import { AcquirerInfo, ApiResult, Datetime, eitherKey, gatewayId, limited, Url } from './common.js'
import { ENUMS } from './field-limits.data.js'

const optional = Schema.optionalKey

/** Antom's id for a refund; 64 characters (antom-reference, refund). */
export const RefundId = gatewayId('refundId')

/** `POST /v1/payments/refund` (spec/README.md): several partial refunds, up to the captured amount. */
export const RefundRequest = Schema.Struct({
  refundRequestId: RefundRequestIdSchema,
  paymentId: PaymentIdSchema,
  refundAmount: moneyFromWire('refundAmount'),
  refundReason: optional(limited('refundReason')),
  referenceRefundId: optional(gatewayId('referenceRefundId')),
  refundNotifyUrl: optional(Url('refundNotifyUrl')),
  captureId: optional(CaptureId),
})
export type RefundRequest = typeof RefundRequest.Type

export const RefundResponse = Schema.Struct({
  result: ApiResult,
  refundRequestId: optional(RefundRequestIdSchema),
  refundId: optional(RefundId),
  paymentId: optional(PaymentIdSchema),
  refundAmount: optional(moneyFromWire('refundAmount')),
  refundTime: optional(Datetime),
  acquirerInfo: optional(AcquirerInfo),
})
export type RefundResponse = typeof RefundResponse.Type

/** `POST /v1/payments/inquiryRefund`: by refundRequestId or refundId (refundId wins when both are given). */
export const InquiryRefundRequest = Schema.Struct({
  refundRequestId: optional(RefundRequestIdSchema),
  refundId: optional(RefundId),
  merchantAccountId: optional(limited('merchantAccountId')),
}).check(eitherKey('refundRequestId', 'refundId'))
export type InquiryRefundRequest = typeof InquiryRefundRequest.Type

/** antom-reference: SUCCESS / FAIL / PROCESSING. */
export const RefundStatus = Schema.Literals(ENUMS.refundStatus)
export type RefundStatus = typeof RefundStatus.Type

/** `result` says whether the inquiry worked; `refundStatus` is the refund's state. */
export const InquiryRefundResponse = Schema.Struct({
  result: ApiResult,
  refundStatus: optional(RefundStatus),
  refundRequestId: optional(RefundRequestIdSchema),
  refundId: optional(RefundId),
  paymentId: optional(PaymentIdSchema),
  refundAmount: optional(moneyFromWire('refundAmount')),
  refundTime: optional(Datetime),
})
export type InquiryRefundResponse = typeof InquiryRefundResponse.Type
