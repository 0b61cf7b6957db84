import * as Schema from 'effect/Schema'
import { ENUMS, FIELD_LIMITS, type LimitedField } from './field-limits.data.js'

/** A string of at most `FIELD_LIMITS[field].maxLength` characters. */
export const limited = (field: LimitedField) => Schema.String.check(Schema.isMaxLength(FIELD_LIMITS[field].maxLength))

/** A non-empty string of at most `maxLength` characters. */
export const nonEmpty = (maxLength: number) => Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(maxLength))

// Whitespace, control and format characters: the same rule core applies to the ids it brands.
const FORBIDDEN_IN_ID = /[\s\p{Cc}\p{Cf}\p{Cs}]/u

/**
 * An id the gateway assigns that core does not brand (captureId, refundId): non-empty, bounded, no whitespace or
 * control characters.
 */
export const gatewayId = (field: LimitedField) =>
  nonEmpty(FIELD_LIMITS[field].maxLength).check(
    Schema.makeFilter((value: string) =>
      FORBIDDEN_IN_ID.test(value) ? 'must not contain whitespace or control characters' : undefined,
    ),
  )

/** ISO 8601 with seconds and an offset, as in every sample: "2019-11-27T12:01:01+08:00". */
export const Datetime = Schema.String.check(
  Schema.isPattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'Expected an ISO 8601 date-time with an offset, e.g. 2019-11-27T12:01:01+08:00',
  }),
)

/** A URL of at most `FIELD_LIMITS[field].maxLength` characters. */
export const Url = (field: LimitedField) => nonEmpty(FIELD_LIMITS[field].maxLength)

/** A 2-letter ISO 3166 country or region code. */
export const RegionCode = Schema.String.check(
  Schema.isPattern(/^[A-Z]{2}$/, { message: 'Expected a 2-letter ISO 3166 country or region code' }),
)

/**
 * A flag in a response or notification. The specification asks for every field as a string ("true") while its
 * samples carry JSON booleans, so both are read; the value is kept as sent.
 */
export const WireFlag = Schema.Union([Schema.Boolean, Schema.Literals(['true', 'false'])])

export const ResultStatus = Schema.Literals(ENUMS.resultStatus)
export type ResultStatus = typeof ResultStatus.Type

/** `result` in every response and notification: the outcome of the call, not necessarily of the payment. */
export const ApiResult = Schema.Struct({
  resultCode: nonEmpty(FIELD_LIMITS.resultCode.maxLength),
  resultStatus: ResultStatus,
  resultMessage: Schema.optionalKey(limited('resultMessage')),
})
export type ApiResult = typeof ApiResult.Type

/** The acquirer that processed a payment, capture or refund (APO). Every field is informational. */
export const AcquirerInfo = Schema.Struct({
  acquirerName: Schema.optionalKey(Schema.String),
  acquirerMerchantId: Schema.optionalKey(Schema.String),
  acquirerTransactionId: Schema.optionalKey(Schema.String),
  referenceRequestId: Schema.optionalKey(Schema.String),
  acquirerResultCode: Schema.optionalKey(Schema.String),
  acquirerResultMessage: Schema.optionalKey(Schema.String),
})
export type AcquirerInfo = typeof AcquirerInfo.Type

/** For requests that name a record by either of two ids ("cannot both be null"): the first is reported missing. */
export const eitherKey = <const K extends string>(first: K, second: K) =>
  Schema.makeFilter((value: { readonly [key in K]?: unknown }) =>
    value[first] !== undefined || value[second] !== undefined
      ? undefined
      : { path: [first], issue: `${first} or ${second} is required` },
  )
