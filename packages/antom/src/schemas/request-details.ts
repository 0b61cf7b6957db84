import * as Data from 'effect/Data'
import * as Exit from 'effect/Exit'
import * as Result from 'effect/Result'
import * as Schema from 'effect/Schema'
import { nonEmpty } from './common.js'
import { firstIssue, toWireIssues } from './errors.js'
import { FIELD_LIMITS } from './field-limits.data.js'
import { PayRequest } from './pay.js'
import { CardOptions, MetaData } from './payment-method.js'
import { SENSITIVE_FIELDS } from './sensitive.js'
import { CreatePaymentSessionRequest } from './session.js'

const optional = Schema.optionalKey
const pay = PayRequest.fields
const session = CreatePaymentSessionRequest.fields

const noCardData = Schema.makeFilter((metaData: { readonly [key: string]: unknown }) => {
  const field = Object.keys(metaData).find((key) => SENSITIVE_FIELDS.has(key))
  return field === undefined
    ? undefined
    : { path: [field], issue: 'card data goes beside the payment (its secrets), never in requestDetails' }
})

/**
 * The method's metadata in the details: a card's options (3DS, billing address for AVS, card-on-file, vaulting)
 * checked field by field, any other method's fields (a wallet's payerEmail...) as given, never card data.
 */
const DetailsMetaData = Schema.StructWithRest(CardOptions, [MetaData]).check(noCardData)

/** The payment method a merchant may name in the details; the card itself travels beside the payment, never here. */
const DetailsPaymentMethod = Schema.Struct({
  paymentMethodType: optional(nonEmpty(FIELD_LIMITS.paymentMethodType.maxLength)),
  /** A saved card's `cardToken`, or another method's id. */
  paymentMethodId: optional(nonEmpty(FIELD_LIMITS.paymentMethodId.maxLength)),
  paymentMethodMetaData: optional(DetailsMetaData),
})

/**
 * What a `pay` needs from the merchant beyond what the machine fills in (productCode, paymentRequestId,
 * paymentAmount, the card authorization's paymentFactor, the expiry, the card): the order, env, settlement and the
 * redirect URL are required by the spec.
 */
export const PayRequestDetails = Schema.Struct({
  order: pay.order,
  env: pay.env,
  settlementStrategy: pay.settlementStrategy,
  paymentRedirectUrl: pay.paymentRedirectUrl,
  paymentMethod: optional(DetailsPaymentMethod),
  paymentFactor: pay.paymentFactor,
  paymentNotifyUrl: pay.paymentNotifyUrl,
  merchantRegion: pay.merchantRegion,
  merchantAccountId: pay.merchantAccountId,
  userRegion: pay.userRegion,
  appId: pay.appId,
})

/** What a `createPaymentSession` needs from the merchant: the order and the redirect URL are required. */
export const SessionRequestDetails = Schema.Struct({
  order: session.order,
  paymentRedirectUrl: session.paymentRedirectUrl,
  paymentNotifyUrl: session.paymentNotifyUrl,
  settlementStrategy: session.settlementStrategy,
  paymentFactor: session.paymentFactor,
  env: session.env,
  locale: session.locale,
  availablePaymentMethod: optional(Schema.Struct({ paymentMethodMetaData: optional(DetailsMetaData) })),
  savedPaymentMethods: session.savedPaymentMethods,
})

/** `requestDetails` of a pay: amounts are core's `Money` (`{ currency, minor }`), encoded for the wire with the call. */
export type PayRequestDetails = typeof PayRequestDetails.Type
/** `requestDetails` of a Checkout Page session. */
export type SessionRequestDetails = typeof SessionRequestDetails.Type
/** What `createPayment`'s `requestDetails` holds for Antom: `createPaychart<AntomRequestDetails>(...)` types it. */
export type AntomRequestDetails = PayRequestDetails | SessionRequestDetails

/** Request details the gateway would refuse: names the field (`requestDetails.order.orderDescription`). */
export class RequestDetailsInvalid extends Data.TaggedError('RequestDetailsInvalid')<{
  readonly field: string
  readonly message: string
}> {}

const ROOT = 'requestDetails'

/**
 * Checks `details` against what the flow's call needs before any payment exists: a missing or malformed field is
 * `RequestDetailsInvalid` naming it (card fields never echo their value). The details come back as given.
 */
export const validateRequestDetails = (
  flow: 'pay' | 'checkoutSession',
  details: unknown,
): Result.Result<AntomRequestDetails, RequestDetailsInvalid> => {
  const schema = Schema.toType(flow === 'pay' ? PayRequestDetails : SessionRequestDetails)
  const exit = Schema.decodeUnknownExit(schema)(details ?? {}, { errors: 'all', onExcessProperty: 'ignore' })
  if (Exit.isSuccess(exit)) return Result.succeed(details as AntomRequestDetails)
  const error = Exit.findErrorOption(exit)
  const issues = error._tag === 'Some' ? toWireIssues(error.value.issue, '') : []
  const { path, message } = firstIssue(issues, '')
  return Result.fail(new RequestDetailsInvalid({ field: path === '' ? ROOT : `${ROOT}.${path}`, message }))
}
