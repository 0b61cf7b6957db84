import type { Brand } from 'effect'
import * as Data from 'effect/Data'
import * as Result from 'effect/Result'
import * as Schema from 'effect/Schema'

export type PaymentRequestId = Brand.Branded<string, 'PaymentRequestId'>
export type PaymentId = Brand.Branded<string, 'PaymentId'>
export type VerifyRequestId = Brand.Branded<string, 'VerifyRequestId'>
export type CaptureRequestId = Brand.Branded<string, 'CaptureRequestId'>
export type RefundRequestId = Brand.Branded<string, 'RefundRequestId'>
export type PaymentSessionId = Brand.Branded<string, 'PaymentSessionId'>

/**
 * Maximum lengths, in UTF-16 code units (the same as characters for the ASCII ids seen in practice).
 * The Antom spec gives 64 for the request ids and paymentId. It gives no maximum for paymentSessionId, which Antom
 * assigns and we only pass on, so 512 is our own bound: generous, so as not to refuse a real one, but not unbounded.
 */
export const ID_MAX_LENGTHS = {
  paymentRequestId: 64,
  paymentId: 64,
  verifyRequestId: 64,
  captureRequestId: 64,
  refundRequestId: 64,
  paymentSessionId: 512,
} as const

export type IdentifierRejection = 'empty' | 'too-long' | 'forbidden-character'

/** Carries the length and the first offending character, never the whole value. */
export class InvalidIdentifier extends Data.TaggedError('InvalidIdentifier')<{
  readonly field: string
  readonly reason: IdentifierRejection
  readonly length: number
  readonly maxLength: number
  /** For `forbidden-character`: where the first one is, and which it is. */
  readonly index?: number
  readonly codePoint?: number
}> {
  override get message(): string {
    if (this.reason === 'empty') return `${this.field} must not be empty`
    if (this.reason === 'too-long') {
      return `${this.field} is ${this.length} characters long, more than the ${this.maxLength} allowed`
    }
    const hex = (this.codePoint ?? 0).toString(16).toUpperCase().padStart(4, '0')
    return `${this.field} must not contain whitespace or control characters (U+${hex} at index ${this.index})`
  }
}

// Whitespace, control and format characters (zero-width spaces, bidi overrides), and lone surrogates.
const FORBIDDEN = /[\s\p{Cc}\p{Cf}\p{Cs}]/u

export const identifierProblem = (value: string, field: string, maxLength: number): InvalidIdentifier | undefined => {
  const { length } = value
  if (length === 0) return new InvalidIdentifier({ field, reason: 'empty', length, maxLength })
  if (length > maxLength) return new InvalidIdentifier({ field, reason: 'too-long', length, maxLength })
  const index = value.search(FORBIDDEN)
  if (index === -1) return undefined
  const codePoint = value.codePointAt(index) as number
  return new InvalidIdentifier({ field, reason: 'forbidden-character', length, maxLength, index, codePoint })
}

const identifier =
  <Id extends string>(defaultField: keyof typeof ID_MAX_LENGTHS) =>
  (value: string, field: string = defaultField): Result.Result<Id, InvalidIdentifier> => {
    const problem = identifierProblem(value, field, ID_MAX_LENGTHS[defaultField])
    return problem === undefined ? Result.succeed(value as Id) : Result.fail(problem)
  }

export const paymentRequestId = identifier<PaymentRequestId>('paymentRequestId')
export const paymentId = identifier<PaymentId>('paymentId')
export const verifyRequestId = identifier<VerifyRequestId>('verifyRequestId')
export const captureRequestId = identifier<CaptureRequestId>('captureRequestId')
export const refundRequestId = identifier<RefundRequestId>('refundRequestId')
export const paymentSessionId = identifier<PaymentSessionId>('paymentSessionId')

/** For constants and tests: throws the InvalidIdentifier instead of returning it. */
export const unsafeId = <Id>(result: Result.Result<Id, InvalidIdentifier>): Id => Result.getOrThrow(result)

const identifierString = (field: keyof typeof ID_MAX_LENGTHS) =>
  Schema.String.check(
    Schema.isMinLength(1),
    Schema.isMaxLength(ID_MAX_LENGTHS[field]),
    Schema.makeFilter((value: string) => {
      const index = value.search(FORBIDDEN)
      return index === -1 ? undefined : `must not contain whitespace or control characters (index ${index})`
    }),
  )

export const PaymentRequestIdSchema = identifierString('paymentRequestId').pipe(Schema.brand('PaymentRequestId'))
export const PaymentIdSchema = identifierString('paymentId').pipe(Schema.brand('PaymentId'))
export const VerifyRequestIdSchema = identifierString('verifyRequestId').pipe(Schema.brand('VerifyRequestId'))
export const CaptureRequestIdSchema = identifierString('captureRequestId').pipe(Schema.brand('CaptureRequestId'))
export const RefundRequestIdSchema = identifierString('refundRequestId').pipe(Schema.brand('RefundRequestId'))
export const PaymentSessionIdSchema = identifierString('paymentSessionId').pipe(Schema.brand('PaymentSessionId'))
