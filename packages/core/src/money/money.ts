import * as Effect from 'effect/Effect'
import * as Result from 'effect/Result'
import * as Schema from 'effect/Schema'
import * as SchemaIssue from 'effect/SchemaIssue'
import * as SchemaTransformation from 'effect/SchemaTransformation'
import { CURRENCY_EXPONENTS, type CurrencyCode } from './currencies.data.js'
import {
  type AmountError,
  AmountOverflow,
  type AmountRejection,
  AmountUnderflow,
  CurrencyMismatch,
  InvalidAmount,
  UnknownCurrency,
} from './errors.js'

export type { CurrencyCode }

export type Exponent = (typeof CURRENCY_EXPONENTS)[CurrencyCode]

/**
 * An amount as an integer count of minor units (cents for USD, yen for JPY, fils for KWD).
 * Plain data so it survives JSON; `minor` is a non-negative safe integer.
 */
export interface Money {
  readonly currency: CurrencyCode
  readonly minor: number
}

/** Antom's wire form, e.g. `{ "currency": "USD", "value": "1099" }`: value is the minor units as a string. */
export interface WireAmount {
  readonly currency: string
  readonly value: string
}

export const CURRENCY_CODES = Object.keys(CURRENCY_EXPONENTS) as ReadonlyArray<CurrencyCode>

export const isCurrencyCode = (input: unknown): input is CurrencyCode =>
  typeof input === 'string' && Object.hasOwn(CURRENCY_EXPONENTS, input)

export const exponentOf = (currency: CurrencyCode): Exponent => CURRENCY_EXPONENTS[currency]

const DIGITS = /^\d+$/
const DECIMAL = /^\d+(\.\d+)?$/
const FRACTION = /^(\d+\.\d*|\.\d+)$/
const EXPONENT = /^(\d+\.?\d*|\.\d+)[eE][+-]?\d+$/

const syntaxError = (text: string, decimalPoint: boolean): AmountRejection | undefined => {
  if (text === '') return 'empty'
  if (/\s/.test(text)) return 'whitespace'
  if (text.startsWith('-')) return 'negative'
  if (text.startsWith('+')) return 'plus-sign'
  if (EXPONENT.test(text)) return 'exponent'
  if (!(decimalPoint ? DECIMAL : DIGITS).test(text))
    return !decimalPoint && FRACTION.test(text) ? 'fraction' : 'not-digits'
  if (/^0\d/.test(text)) return 'leading-zero'
  return undefined
}

const invalid = (field: string, reason: AmountRejection, input: unknown) =>
  Result.fail(new InvalidAmount({ field, reason, input }))

/** Every digit string up to MAX_SAFE_INTEGER converts exactly, and anything above it converts to more than it. */
const safe = (digits: string): number | undefined => {
  const n = Number(digits)
  return n <= Number.MAX_SAFE_INTEGER ? n : undefined
}

const parseMinorUnits = (input: unknown, field: string): Result.Result<number, InvalidAmount> => {
  if (typeof input !== 'string') return invalid(field, 'not-a-string', input)
  const reason = syntaxError(input, false)
  if (reason !== undefined) return invalid(field, reason, input)
  const minor = safe(input)
  return minor === undefined ? invalid(field, 'overflow', input) : Result.succeed(minor)
}

/**
 * Reads Antom's `{ currency, value }`. The value must be the canonical decimal form of the minor units:
 * ASCII digits only, no sign, point, exponent or whitespace, and no leading zeros except "0" itself, so that each
 * amount has exactly one wire form (the one `toWire` produces). Errors name `${field}.currency` or `${field}.value`.
 */
export const parseAmount = (
  wire: { readonly currency: unknown; readonly value: unknown },
  field: string,
): Result.Result<Money, AmountError> => {
  const { currency, value } = wire
  if (!isCurrencyCode(currency))
    return Result.fail(new UnknownCurrency({ field: `${field}.currency`, input: currency }))
  return Result.map(parseMinorUnits(value, `${field}.value`), (minor) => ({ currency, minor }))
}

export const toWire = (amount: Money): WireAmount => ({ currency: amount.currency, value: String(amount.minor) })

/** Builds a Money from trusted numbers, e.g. configuration or a restored snapshot. `field` names it in errors. */
export const money = (currency: CurrencyCode, minor: number, field = 'amount'): Result.Result<Money, AmountError> => {
  if (!isCurrencyCode(currency)) return Result.fail(new UnknownCurrency({ field, input: currency }))
  if (!Number.isInteger(minor)) return invalid(field, 'not-an-integer', minor)
  if (minor < 0) return invalid(field, 'negative', minor)
  if (minor > Number.MAX_SAFE_INTEGER) return invalid(field, 'overflow', minor)
  return Result.succeed({ currency, minor: minor === 0 ? 0 : minor })
}

/** `money` for constants and tests: throws the InvalidAmount or UnknownCurrency instead of returning it. */
export const unsafeMoney = (currency: CurrencyCode, minor: number): Money => Result.getOrThrow(money(currency, minor))

export const zero = (currency: CurrencyCode): Money => ({ currency, minor: 0 })

/** A plain decimal for display, without grouping or symbol: "10.99" USD, "1099" JPY, "1.099" KWD. */
export const formatMajor = ({ currency, minor }: Money): string => {
  const exponent = exponentOf(currency)
  if (exponent === 0) return String(minor)
  const digits = String(minor).padStart(exponent + 1, '0')
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`
}

/**
 * Reads a plain decimal in major units ("10.99", "10.5", "10"). At most `exponentOf(currency)` fraction digits,
 * trailing zeros included ("1.000" is rejected for USD), so nothing is ever rounded.
 */
export const parseMajor = (
  input: unknown,
  currency: CurrencyCode,
  field: string,
): Result.Result<Money, InvalidAmount> => {
  if (typeof input !== 'string') return invalid(field, 'not-a-string', input)
  const reason = syntaxError(input, true)
  if (reason !== undefined) return invalid(field, reason, input)
  const [whole = '', fraction = ''] = input.split('.')
  const exponent = exponentOf(currency)
  if (fraction.length > exponent) return invalid(field, 'too-many-fraction-digits', input)
  const minor = safe(whole + fraction.padEnd(exponent, '0'))
  return minor === undefined ? invalid(field, 'overflow', input) : Result.succeed({ currency, minor })
}

export const sameCurrency = (a: Money, b: Money): boolean => a.currency === b.currency

export const equals = (a: Money, b: Money): boolean => a.currency === b.currency && a.minor === b.minor

export const isZero = (amount: Money): boolean => amount.minor === 0

// In the binary operations the first operand is the reference: a mismatch reports `expected: a.currency`.
const mismatch = (a: Money, b: Money, field: string) =>
  Result.fail(new CurrencyMismatch({ field, expected: a.currency, actual: b.currency }))

export const add = (a: Money, b: Money, field = 'amount'): Result.Result<Money, CurrencyMismatch | AmountOverflow> => {
  if (a.currency !== b.currency) return mismatch(a, b, field)
  const minor = a.minor + b.minor
  if (Number.isSafeInteger(minor)) return Result.succeed({ currency: a.currency, minor })
  return Result.fail(new AmountOverflow({ field, currency: a.currency, left: a.minor, right: b.minor }))
}

/** `a - b`; fails rather than going below zero. */
export const subtract = (
  a: Money,
  b: Money,
  field = 'amount',
): Result.Result<Money, CurrencyMismatch | AmountUnderflow> => {
  if (a.currency !== b.currency) return mismatch(a, b, field)
  if (b.minor > a.minor) {
    return Result.fail(new AmountUnderflow({ field, currency: a.currency, left: a.minor, right: b.minor }))
  }
  return Result.succeed({ currency: a.currency, minor: a.minor - b.minor })
}

export const compare = (a: Money, b: Money, field = 'amount'): Result.Result<-1 | 0 | 1, CurrencyMismatch> => {
  if (a.currency !== b.currency) return mismatch(a, b, field)
  return Result.succeed(a.minor < b.minor ? -1 : a.minor > b.minor ? 1 : 0)
}

export const isLessOrEqual = (a: Money, b: Money, field = 'amount'): Result.Result<boolean, CurrencyMismatch> =>
  Result.map(compare(a, b, field), (order) => order <= 0)

export const CurrencyCodeSchema = Schema.String.pipe(
  Schema.refine(isCurrencyCode, { expected: 'an active ISO 4217 currency code' }),
)

/** Money as stored, e.g. in a persisted snapshot: `{ currency, minor }`. */
export const MoneySchema = Schema.Struct({ currency: CurrencyCodeSchema, minor: Schema.Natural })

export const WireAmountSchema = Schema.Struct({ currency: Schema.String, value: Schema.String })

// The issue points at the offending key and carries the typed error as its `error` annotation.
const toIssue = (error: AmountError, wire: WireAmount): SchemaIssue.Issue => {
  const key = error._tag === 'UnknownCurrency' ? 'currency' : 'value'
  return new SchemaIssue.Pointer([key], new SchemaIssue.InvalidValue({ message: error.message, error }, wire[key]))
}

/**
 * Decodes Antom's `{ currency, value }` into Money with `parseAmount`'s rules, and encodes back with `toWire`.
 * `field` is the property name in the enclosing request or response, e.g. `moneyFromWire('paymentAmount')`.
 */
export const moneyFromWire = (field: string) =>
  WireAmountSchema.pipe(
    Schema.decodeTo(
      MoneySchema,
      SchemaTransformation.transformEffect<typeof MoneySchema.Encoded, WireAmount>({
        decode: (wire) =>
          Result.match(parseAmount(wire, field), {
            onFailure: (error) => Effect.fail(toIssue(error, wire)),
            onSuccess: (amount) => Effect.succeed(amount),
          }),
        encode: ({ currency, minor }) => Effect.succeed({ currency, value: String(minor) }),
      }),
    ),
  )
