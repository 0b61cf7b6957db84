import {
  CaptureRequestIdSchema,
  PaymentIdSchema,
  PaymentRequestIdSchema,
  RefundRequestIdSchema,
} from '@paychart/core/ids'
import { moneyFromWire } from '@paychart/core/money'
import * as Schema from 'effect/Schema'
import { CaptureId } from './capture.js'
import { AcquirerInfo, ApiResult, Datetime, limited } from './common.js'
import { ENUMS } from './field-limits.data.js'
import { ReportedMethodType } from './payment-method.js'
import { PaymentResultInfo } from './payment-result.js'
import { RefundId } from './refund.js'

const optional = Schema.optionalKey

/** notifyPayment (embedded-checkout-page.txt, card-authorization-api.txt): the payment reached a final state. */
export const PaymentNotification = Schema.Struct({
  notifyType: Schema.Literals(ENUMS.paymentNotifyType),
  result: ApiResult,
  paymentRequestId: PaymentRequestIdSchema,
  paymentId: PaymentIdSchema,
  paymentAmount: moneyFromWire('paymentAmount'),
  paymentCreateTime: optional(Datetime),
  paymentTime: optional(Datetime),
  paymentMethodType: optional(ReportedMethodType),
  paymentResultInfo: optional(PaymentResultInfo),
  acquirerInfo: optional(AcquirerInfo),
})
export type PaymentNotification = typeof PaymentNotification.Type

/** notifyCapture (antom-reference; CAPTURE_RESULT in embedded-checkout-page.txt): every field but the time REQUIRED. */
export const CaptureNotification = Schema.Struct({
  notifyType: Schema.Literals(ENUMS.captureNotifyType),
  result: ApiResult,
  captureRequestId: CaptureRequestIdSchema,
  captureId: CaptureId,
  paymentId: PaymentIdSchema,
  captureAmount: moneyFromWire('captureAmount'),
  captureTime: optional(Datetime),
  acquirerReferenceNo: optional(limited('acquirerReferenceNo')),
  acquirerInfo: optional(AcquirerInfo),
})
export type CaptureNotification = typeof CaptureNotification.Type

/** notifyRefund (spec/README.md REFUND_RESULT; antom-reference for the rest). */
export const RefundNotification = Schema.Struct({
  notifyType: Schema.Literals(ENUMS.refundNotifyType),
  result: ApiResult,
  refundStatus: Schema.Literals(ENUMS.notifiedRefundStatus),
  refundRequestId: RefundRequestIdSchema,
  refundId: RefundId,
  paymentId: PaymentIdSchema,
  refundAmount: moneyFromWire('refundAmount'),
  refundTime: optional(Datetime),
})
export type RefundNotification = typeof RefundNotification.Type

/** Every notification, told apart by `notifyType`. */
export const Notification = Schema.Union([PaymentNotification, CaptureNotification, RefundNotification])
export type Notification = typeof Notification.Type
export type NotifyType = Notification['notifyType']

/** The schema for each notifyType, for decoding with an error that names the field rather than the union. */
export const NOTIFICATION_SCHEMAS = {
  PAYMENT_RESULT: PaymentNotification,
  PAYMENT_PENDING: PaymentNotification,
  CAPTURE_RESULT: CaptureNotification,
  REFUND_RESULT: RefundNotification,
} as const satisfies Record<NotifyType, Schema.Top>

/** The acknowledgement the gateway expects, whatever the notification said (embedded-checkout-page.txt). */
export const NOTIFICATION_ACK_BODY = JSON.stringify({
  result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' },
})
