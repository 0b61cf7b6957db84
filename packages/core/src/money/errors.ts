import * as Data from 'effect/Data'
import type { CurrencyCode } from './currencies.data.js'

/** Why an amount was rejected. Checked in this order, so the first one that applies is reported. */
export type AmountRejection =
  | 'not-a-string'
  | 'not-an-integer'
  | 'empty'
  | 'whitespace'
  | 'negative'
  | 'plus-sign'
  | 'exponent'
  | 'fraction'
  | 'not-digits'
  | 'leading-zero'
  | 'too-many-fraction-digits'
  | 'overflow'

const explanations: Record<AmountRejection, string> = {
  'not-a-string': 'must be a string',
  'not-an-integer': 'must be an integer count of minor units',
  empty: 'must not be empty',
  whitespace: 'must not contain whitespace',
  negative: 'must not be negative',
  'plus-sign': 'must not start with a plus sign',
  exponent: 'must not use exponent notation',
  fraction: 'must be an integer count of minor units, without a decimal point',
  'not-digits': 'must contain only the digits 0-9',
  'leading-zero': 'must not have leading zeros',
  'too-many-fraction-digits': 'has more fraction digits than the currency allows',
  overflow: 'exceeds Number.MAX_SAFE_INTEGER minor units',
}

const shown = (input: unknown): string => {
  if (typeof input === 'string') return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input)
  if (typeof input === 'object' && input !== null) return 'an object'
  if (typeof input === 'function' || typeof input === 'symbol') return `a ${typeof input}`
  return String(input)
}

export class InvalidAmount extends Data.TaggedError('InvalidAmount')<{
  readonly field: string
  readonly reason: AmountRejection
  readonly input: unknown
}> {
  override get message(): string {
    return `${this.field} ${explanations[this.reason]} (got ${shown(this.input)})`
  }
}

export class UnknownCurrency extends Data.TaggedError('UnknownCurrency')<{
  readonly field: string
  readonly input: unknown
}> {
  override get message(): string {
    return `${this.field} must be an active ISO 4217 currency code in upper case (got ${shown(this.input)})`
  }
}

export class CurrencyMismatch extends Data.TaggedError('CurrencyMismatch')<{
  readonly field: string
  readonly expected: CurrencyCode
  readonly actual: CurrencyCode
}> {
  override get message(): string {
    return `${this.field} must be in ${this.expected} (got ${this.actual})`
  }
}

interface Operands {
  readonly field: string
  readonly currency: CurrencyCode
  readonly left: number
  readonly right: number
}

/** The sum of two amounts (in minor units) is not a safe integer. */
export class AmountOverflow extends Data.TaggedError('AmountOverflow')<Operands> {
  override get message(): string {
    return `${this.field}: ${this.left} + ${this.right} ${this.currency} minor units exceeds Number.MAX_SAFE_INTEGER`
  }
}

/** A subtraction would go below zero, e.g. refunding more than is left of a capture. */
export class AmountUnderflow extends Data.TaggedError('AmountUnderflow')<Operands> {
  override get message(): string {
    return `${this.field}: ${this.right} ${this.currency} minor units is more than the ${this.left} available`
  }
}

/** What parsing an amount from untrusted input can fail with. */
export type AmountError = InvalidAmount | UnknownCurrency

export type MoneyError = InvalidAmount | UnknownCurrency | CurrencyMismatch | AmountOverflow | AmountUnderflow
