import { CurrencyCodeSchema, moneyFromWire } from '@paychart/core/money'
import * as Schema from 'effect/Schema'
import { limited, nonEmpty, RegionCode, Url } from './common.js'
import { ENUMS, FIELD_LIMITS } from './field-limits.data.js'

// The child parameters of Order, Env and SettlementStrategy are collapsed in pay-checkout-payment.txt; the fields
// here are the ones its samples (card-authorization-api.txt, embedded-checkout-page.txt) use. Lengths are our own
// bounds (FIELD_LIMITS, source 'assumption') except where noted.

const optional = Schema.optionalKey

export const UserName = Schema.Struct({
  firstName: optional(limited('name')),
  middleName: optional(limited('name')),
  lastName: optional(limited('name')),
  fullName: optional(limited('name')),
})
export type UserName = typeof UserName.Type

export const Address = Schema.Struct({
  region: RegionCode,
  state: optional(limited('shortText')),
  city: optional(limited('shortText')),
  address1: optional(limited('text')),
  address2: optional(limited('text')),
  zipCode: optional(limited('shortText')),
})
export type Address = typeof Address.Type

export const Buyer = Schema.Struct({
  referenceBuyerId: optional(nonEmpty(FIELD_LIMITS.referenceBuyerId.maxLength)),
  buyerName: optional(UserName),
  buyerPhoneNo: optional(limited('shortText')),
  buyerEmail: optional(limited('email')),
})
export type Buyer = typeof Buyer.Type

export const Goods = Schema.Struct({
  referenceGoodsId: nonEmpty(FIELD_LIMITS.referenceGoodsId.maxLength),
  goodsName: nonEmpty(FIELD_LIMITS.text.maxLength),
  goodsCategory: optional(limited('text')),
  goodsBrand: optional(limited('name')),
  goodsSkuName: optional(limited('name')),
  goodsUnitAmount: optional(moneyFromWire('goodsUnitAmount')),
  /** An integer carried as a string, as the specification asks for every non-array field. */
  goodsQuantity: optional(Schema.String.check(Schema.isPattern(/^[1-9]\d{0,8}$/, { message: 'Expected a count' }))),
  goodsUrl: optional(Url('url')),
  goodsImageUrl: optional(Url('url')),
})
export type Goods = typeof Goods.Type

export const Shipping = Schema.Struct({
  shippingName: optional(UserName),
  shippingAddress: optional(Address),
  shippingCarrier: optional(limited('name')),
  shippingPhoneNo: optional(limited('shortText')),
  shipToEmail: optional(limited('email')),
})
export type Shipping = typeof Shipping.Type

/** embedded-checkout-page.txt: orderAmount, referenceOrderId and orderDescription are required. */
export const Order = Schema.Struct({
  referenceOrderId: nonEmpty(FIELD_LIMITS.referenceOrderId.maxLength),
  orderDescription: nonEmpty(FIELD_LIMITS.description.maxLength),
  orderAmount: moneyFromWire('orderAmount'),
  goods: optional(Schema.Array(Goods)),
  shipping: optional(Shipping),
  buyer: optional(Buyer),
})
export type Order = typeof Order.Type

export const TerminalType = Schema.Literals(ENUMS.terminalType)
export type TerminalType = typeof TerminalType.Type

export const BrowserInfo = Schema.Struct({
  acceptHeader: optional(limited('header')),
  javaEnabled: optional(Schema.Boolean),
  javaScriptEnabled: optional(Schema.Boolean),
  language: optional(limited('shortText')),
  userAgent: optional(limited('header')),
})
export type BrowserInfo = typeof BrowserInfo.Type

/** The card-authorization-api.txt sample sends the screen figures as JSON numbers; so do we. */
export const Env = Schema.Struct({
  terminalType: TerminalType,
  osType: optional(Schema.Literals(ENUMS.osType)),
  browserInfo: optional(BrowserInfo),
  clientIp: optional(limited('shortText')),
  deviceId: optional(limited('text')),
  deviceLanguage: optional(limited('shortText')),
  colorDepth: optional(Schema.Int),
  screenHeight: optional(Schema.Int),
  screenWidth: optional(Schema.Int),
  timeZoneOffset: optional(Schema.Int),
})
export type Env = typeof Env.Type

export const SettlementStrategy = Schema.Struct({ settlementCurrency: optional(CurrencyCodeSchema) })
export type SettlementStrategy = typeof SettlementStrategy.Type

export const CaptureMode = Schema.Literals(ENUMS.captureMode)
export type CaptureMode = typeof CaptureMode.Type

/** card-authorization-api.txt: isAuthorization, and captureMode (AUTOMATIC when absent). */
export const PaymentFactor = Schema.Struct({
  isAuthorization: optional(Schema.Boolean),
  captureMode: optional(CaptureMode),
})
export type PaymentFactor = typeof PaymentFactor.Type
