import * as Schema from 'effect/Schema'
import { WireFlag } from './common.js'

const optional = Schema.optionalKey

/** 3D Secure outcome, as the samples in card-authorization-api.txt and embedded-checkout-page.txt show it. */
export const ThreeDSResult = Schema.Struct({
  threeDSVersion: optional(Schema.String),
  eci: optional(Schema.String),
  cavv: optional(Schema.String),
  dsTransactionId: optional(Schema.String),
  xid: optional(Schema.String),
  threeDSType: optional(Schema.String),
  threeDSOffered: optional(WireFlag),
})
export type ThreeDSResult = typeof ThreeDSResult.Type

/**
 * `paymentResultInfo` of pay, inquiryPayment and notifyPayment for cards. The card fields arrive masked
 * (`************1310`, `**`); `cardToken` is the vaulted card (APO tokenization). All fields are optional and
 * informational; ones the gateway adds later are ignored.
 */
export const PaymentResultInfo = Schema.Struct({
  avsResultRaw: optional(Schema.String),
  cvvResultRaw: optional(Schema.String),
  networkTransactionId: optional(Schema.String),
  cardNo: optional(Schema.String),
  cardBin: optional(Schema.String),
  lastFour: optional(Schema.String),
  cardBrand: optional(Schema.String),
  cardCategory: optional(Schema.String),
  cardToken: optional(Schema.String),
  cardholderName: optional(Schema.String),
  expiryMonth: optional(Schema.String),
  expiryYear: optional(Schema.String),
  fingerprint: optional(Schema.String),
  funding: optional(Schema.String),
  issuerName: optional(Schema.String),
  issuingCountry: optional(Schema.String),
  paymentMethodRegion: optional(Schema.String),
  threeDSResult: optional(ThreeDSResult),
})
export type PaymentResultInfo = typeof PaymentResultInfo.Type
