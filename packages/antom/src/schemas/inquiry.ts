import { PaymentIdSchema, PaymentRequestIdSchema } from '@paychart/core/ids'
import { moneyFromWire } from '@paychart/core/money'
import * as Schema from 'effect/Schema'
import { AcquirerInfo, ApiResult, Datetime, eitherKey, limited } from './common.js'
import { ENUMS } from './field-limits.data.js'
import { ReportedMethodType } from './payment-method.js'
import { PaymentResultInfo } from './payment-result.js'

const optional = Schema.optionalKey

/** `POST /v1/payments/inquiryPayment`: by paymentRequestId or paymentId, at least one. */
export const InquiryPaymentRequest = Schema.Struct({
  paymentRequestId: optional(PaymentRequestIdSchema),
  paymentId: optional(PaymentIdSchema),
  merchantAccountId: optional(limited('merchantAccountId')),
}).check(eitherKey('paymentRequestId', 'paymentId'))
export type InquiryPaymentRequest = typeof InquiryPaymentRequest.Type

/** spec/README.md: SUCCESS / FAIL / PROCESSING / CANCELLED / PENDING. */
export const PaymentStatus = Schema.Literals(ENUMS.paymentStatus)
export type PaymentStatus = typeof PaymentStatus.Type

/** One of `ENUMS.knownTransactionType`, or a type the gateway adds later. */
export type TransactionType = (typeof ENUMS.knownTransactionType)[number] | (string & {})

/**
 * A step of the payment (embedded-checkout-page.txt, inquiryPayment sample): a CAPTURE, a REFUND, ... Its type and
 * status are kept as strings so that a new kind of transaction never makes the whole inquiry undecodable.
 */
export const Transaction = Schema.Struct({
  transactionType: limited('shortText'),
  transactionStatus: limited('shortText'),
  transactionRequestId: optional(limited('transactionId')),
  transactionId: optional(limited('transactionId')),
  transactionAmount: optional(moneyFromWire('transactionAmount')),
  transactionTime: optional(Datetime),
  transactionResult: optional(ApiResult),
  acquirerInfo: optional(AcquirerInfo),
})
export type Transaction = typeof Transaction.Type

/**
 * The inquiryPayment response. `result` says whether the inquiry worked; `paymentStatus` is the payment's state.
 * Everything but `result` is absent when the inquiry failed (e.g. ORDER_NOT_EXIST).
 */
export const InquiryPaymentResponse = Schema.Struct({
  result: ApiResult,
  paymentStatus: optional(PaymentStatus),
  paymentResultCode: optional(limited('resultCode')),
  paymentResultMessage: optional(limited('resultMessage')),
  paymentRequestId: optional(PaymentRequestIdSchema),
  paymentId: optional(PaymentIdSchema),
  paymentAmount: optional(moneyFromWire('paymentAmount')),
  paymentMethodType: optional(ReportedMethodType),
  paymentCreateTime: optional(Datetime),
  paymentTime: optional(Datetime),
  paymentResultInfo: optional(PaymentResultInfo),
  acquirerReferenceNo: optional(limited('acquirerReferenceNo')),
  acquirerInfo: optional(AcquirerInfo),
  transactions: optional(Schema.Array(Transaction)),
})
export type InquiryPaymentResponse = typeof InquiryPaymentResponse.Type
