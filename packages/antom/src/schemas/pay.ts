import { PaymentIdSchema, PaymentRequestIdSchema } from '@paychart/core/ids'
import { moneyFromWire } from '@paychart/core/money'
import * as Schema from 'effect/Schema'
import { ApiResult, Datetime, limited, RegionCode, Url } from './common.js'
import { ENUMS } from './field-limits.data.js'
import { Env, Order, PaymentFactor, SettlementStrategy } from './order.js'
import { PaymentMethod } from './payment-method.js'
import { PaymentResultInfo } from './payment-result.js'

const optional = Schema.optionalKey

export const ProductCode = Schema.Literals(ENUMS.productCode)

/**
 * `POST /v1/payments/pay` (pay-checkout-payment.txt). REQUIRED there: env, order, paymentRequestId, paymentAmount,
 * settlementStrategy, paymentMethod, paymentRedirectUrl, productCode. paymentFactor is for CARD.
 */
export const PayRequest = Schema.Struct({
  productCode: ProductCode,
  paymentRequestId: PaymentRequestIdSchema,
  paymentAmount: moneyFromWire('paymentAmount'),
  order: Order,
  env: Env,
  settlementStrategy: SettlementStrategy,
  paymentMethod: PaymentMethod,
  paymentFactor: optional(PaymentFactor),
  paymentRedirectUrl: Url('paymentRedirectUrl'),
  paymentNotifyUrl: optional(Url('paymentNotifyUrl')),
  paymentExpiryTime: optional(Datetime),
  merchantRegion: optional(RegionCode),
  merchantAccountId: optional(limited('merchantAccountId')),
  userRegion: optional(RegionCode),
  appId: optional(limited('appId')),
})
export type PayRequest = typeof PayRequest.Type
export type PayRequestWire = typeof PayRequest.Encoded

/**
 * The pay response. Only `result` is REQUIRED; the rest comes with PAYMENT_IN_PROCESS (ids, amount, one of the
 * three redirect URLs) or with a card result (paymentResultInfo).
 */
export const PayResponse = Schema.Struct({
  result: ApiResult,
  paymentRequestId: optional(PaymentRequestIdSchema),
  paymentId: optional(PaymentIdSchema),
  paymentAmount: optional(moneyFromWire('paymentAmount')),
  paymentData: optional(limited('paymentData')),
  paymentCreateTime: optional(Datetime),
  appIdentifier: optional(limited('appIdentifier')),
  applinkUrl: optional(Url('applinkUrl')),
  normalUrl: optional(Url('normalUrl')),
  schemeUrl: optional(Url('schemeUrl')),
  paymentActionForm: optional(limited('paymentActionForm')),
  paymentResultInfo: optional(PaymentResultInfo),
  grossSettlementAmount: optional(moneyFromWire('grossSettlementAmount')),
})
export type PayResponse = typeof PayResponse.Type
