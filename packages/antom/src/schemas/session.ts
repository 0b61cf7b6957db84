import { PaymentRequestIdSchema, PaymentSessionIdSchema } from '@paychart/core/ids'
import { moneyFromWire } from '@paychart/core/money'
import * as Schema from 'effect/Schema'
import { ApiResult, Datetime, limited, nonEmpty, Url } from './common.js'
import { ENUMS, FIELD_LIMITS } from './field-limits.data.js'
import { Env, Order, PaymentFactor, SettlementStrategy } from './order.js'
import { ProductCode } from './pay.js'
import { MetaData } from './payment-method.js'

const optional = Schema.optionalKey

/** A saved card shown on the Checkout Page (embedded-checkout-page.txt, "APO tokenization"). */
export const SavedPaymentMethod = Schema.Struct({
  paymentMethodType: nonEmpty(FIELD_LIMITS.paymentMethodType.maxLength),
  paymentMethodId: nonEmpty(FIELD_LIMITS.paymentMethodId.maxLength),
})

/**
 * `POST /v1/payments/createPaymentSession` for the embedded Checkout Page (embedded-checkout-page.txt, "Create a
 * payment session"): productCode CASHIER_PAYMENT, productScene CHECKOUT_PAYMENT, paymentRequestId, paymentAmount,
 * paymentRedirectUrl and order are required. paymentSessionExpiryTime is antom-reference (the spec documents the
 * response field and a one-hour default).
 */
export const CreatePaymentSessionRequest = Schema.Struct({
  productCode: ProductCode,
  productScene: Schema.Literals(ENUMS.productScene),
  paymentRequestId: PaymentRequestIdSchema,
  paymentAmount: moneyFromWire('paymentAmount'),
  order: Order,
  paymentRedirectUrl: Url('paymentRedirectUrl'),
  paymentNotifyUrl: optional(Url('paymentNotifyUrl')),
  paymentSessionExpiryTime: optional(Datetime),
  settlementStrategy: optional(SettlementStrategy),
  paymentFactor: optional(PaymentFactor),
  env: optional(Env),
  locale: optional(limited('shortText')),
  availablePaymentMethod: optional(Schema.Struct({ paymentMethodMetaData: optional(MetaData) })),
  savedPaymentMethods: optional(Schema.Array(SavedPaymentMethod)),
})
export type CreatePaymentSessionRequest = typeof CreatePaymentSessionRequest.Type

export const CreatePaymentSessionResponse = Schema.Struct({
  result: ApiResult,
  paymentSessionId: optional(PaymentSessionIdSchema),
  paymentSessionData: optional(limited('paymentSessionData')),
  paymentSessionExpiryTime: optional(Datetime),
  normalUrl: optional(Url('normalUrl')),
})
export type CreatePaymentSessionResponse = typeof CreatePaymentSessionResponse.Type
