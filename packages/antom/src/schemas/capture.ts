import { CaptureRequestIdSchema, PaymentIdSchema } from '@paychart/core/ids'
import { moneyFromWire } from '@paychart/core/money'
import * as Schema from 'effect/Schema'
import { AcquirerInfo, ApiResult, Datetime, gatewayId, limited } from './common.js'

const optional = Schema.optionalKey

/** Antom's id for a capture; 64 characters (antom-reference, notifyCapture). */
export const CaptureId = gatewayId('captureId')

/** `POST /v1/payments/capture` (spec/README.md): within 7 days of the authorization. */
export const CaptureRequest = Schema.Struct({
  captureRequestId: CaptureRequestIdSchema,
  paymentId: PaymentIdSchema,
  captureAmount: moneyFromWire('captureAmount'),
})
export type CaptureRequest = typeof CaptureRequest.Type

export const CaptureResponse = Schema.Struct({
  result: ApiResult,
  captureRequestId: optional(CaptureRequestIdSchema),
  captureId: optional(CaptureId),
  paymentId: optional(PaymentIdSchema),
  captureAmount: optional(moneyFromWire('captureAmount')),
  captureTime: optional(Datetime),
  acquirerReferenceNo: optional(limited('acquirerReferenceNo')),
  acquirerInfo: optional(AcquirerInfo),
})
export type CaptureResponse = typeof CaptureResponse.Type
