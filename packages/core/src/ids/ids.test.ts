import { Result, Schema } from 'effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CaptureRequestIdSchema,
  captureRequestId,
  ID_MAX_LENGTHS,
  type IdentifierRejection,
  InvalidIdentifier,
  type PaymentId,
  PaymentIdSchema,
  type PaymentRequestId,
  PaymentRequestIdSchema,
  PaymentSessionIdSchema,
  paymentId,
  paymentRequestId,
  paymentSessionId,
  RefundRequestIdSchema,
  refundRequestId,
  unsafeId,
  VerifyRequestIdSchema,
  verifyRequestId,
} from './ids.js'

const failure = <E>(result: Result.Result<unknown, E>): E => {
  if (Result.isSuccess(result)) throw new Error(`expected a failure, got ${String(result.success)}`)
  return result.failure
}

const kinds = [
  { field: 'paymentRequestId', max: 64, make: paymentRequestId, schema: PaymentRequestIdSchema },
  { field: 'paymentId', max: 64, make: paymentId, schema: PaymentIdSchema },
  { field: 'verifyRequestId', max: 64, make: verifyRequestId, schema: VerifyRequestIdSchema },
  { field: 'captureRequestId', max: 64, make: captureRequestId, schema: CaptureRequestIdSchema },
  { field: 'refundRequestId', max: 64, make: refundRequestId, schema: RefundRequestIdSchema },
  { field: 'paymentSessionId', max: 512, make: paymentSessionId, schema: PaymentSessionIdSchema },
] as const

const safeChars = fc.constantFrom(...'abcXYZ019-_.:/+=~'.split(''))
const forbidden = [' ', '\t', '\n', '\r', '\u0000', '\u001f', '\u007f', '\u0085', '\u00a0', '\u2028', '\u3000']
const invisible = ['\u200b', '\u200e', '\u202e', '\u2060', '\ufeff', '\ud800', '\udfff']

describe.each(kinds)('$field', ({ field, max, make, schema }) => {
  const validArb = fc.string({ unit: safeChars, minLength: 1, maxLength: max })

  it('has the maximum length the spec gives', () => {
    expect(ID_MAX_LENGTHS[field]).toBe(max)
  })

  it('accepts 1 to max printable characters unchanged, and the schema agrees', () => {
    fc.assert(
      fc.property(validArb, (value) => {
        expect(make(value)).toEqual(Result.succeed(value))
        expect(Schema.decodeUnknownResult(schema)(value)).toEqual(Result.succeed(value))
      }),
    )
  })

  it.each<[string, IdentifierRejection, number]>([
    ['', 'empty', 0],
    ['a'.repeat(max + 1), 'too-long', max + 1],
    ['a'.repeat(max * 3), 'too-long', max * 3],
  ])('rejects %j as %s, naming the field and the length', (value, reason, length) => {
    const error = failure(make(value))
    expect(error).toBeInstanceOf(InvalidIdentifier)
    expect(error).toMatchObject({ _tag: 'InvalidIdentifier', field, reason, length, maxLength: max })
    expect(error.message).toContain(field)
    expect(error.message).not.toContain(value || 'never')
    expect(Result.isFailure(Schema.decodeUnknownResult(schema)(value))).toBe(true)
  })

  it('rejects a whitespace, control or invisible character anywhere, saying where', () => {
    fc.assert(
      fc.property(validArb, fc.nat(), fc.constantFrom(...forbidden, ...invisible), (base, at, bad) => {
        const index = at % (base.length + 1)
        const value = (base.slice(0, index) + bad + base.slice(index)).slice(0, max)
        fc.pre(value.includes(bad))
        const error = failure(make(value, 'body.id'))
        expect(error).toMatchObject({ field: 'body.id', reason: 'forbidden-character', index, length: value.length })
        expect(error.codePoint).toBe(bad.codePointAt(0))
        expect(error.message).toContain('body.id')
        expect(Result.isFailure(Schema.decodeUnknownResult(schema)(value))).toBe(true)
      }),
    )
  })

  it('agrees with its schema on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: max + 2 }), (value) => {
        expect(Result.isSuccess(Schema.decodeUnknownResult(schema)(value))).toBe(
          Result.isSuccess(make(value) as Result.Result<string, InvalidIdentifier>),
        )
      }),
    )
  })
})

describe('messages', () => {
  it.each([
    ['', 'paymentRequestId must not be empty'],
    ['x'.repeat(65), 'paymentRequestId is 65 characters long, more than the 64 allowed'],
    ['ab\tc', 'paymentRequestId must not contain whitespace or control characters (U+0009 at index 2)'],
    ['\u202eabc', 'paymentRequestId must not contain whitespace or control characters (U+202E at index 0)'],
  ])('for %j', (value, message) => {
    expect(failure(paymentRequestId(value)).message).toBe(message)
  })

  it('serialise to JSON without the value', () => {
    const error = failure(refundRequestId('secret value'))
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      _tag: 'InvalidIdentifier',
      field: 'refundRequestId',
      reason: 'forbidden-character',
      length: 12,
      maxLength: 64,
      index: 6,
      codePoint: 32,
    })
  })
})

describe('unsafeId', () => {
  it('returns the branded id or throws the typed error', () => {
    const id: PaymentRequestId = unsafeId(paymentRequestId('order-1'))
    expect(id).toBe('order-1')
    expect(() => unsafeId(paymentRequestId(''))).toThrow(InvalidIdentifier)
  })

  it('brands are not interchangeable', () => {
    const takesPaymentId = (id: PaymentId) => id
    const requestId = unsafeId(paymentRequestId('order-1'))
    // @ts-expect-error a PaymentRequestId is not a PaymentId
    expect(takesPaymentId(requestId)).toBe('order-1')
    // @ts-expect-error a plain string is not a PaymentId
    expect(takesPaymentId('order-1')).toBe('order-1')
    const plain: string = requestId
    expect(plain).toBe('order-1')
  })
})

describe('schemas', () => {
  it('report the offending key inside a request', () => {
    const Request = Schema.Struct({ paymentRequestId: PaymentRequestIdSchema, paymentId: PaymentIdSchema })
    const result = Schema.decodeUnknownResult(Request)({ paymentRequestId: 'order 1', paymentId: 'p-1' })
    expect(failure(result).message).toContain('["paymentRequestId"]')
    const tooLong = Schema.decodeUnknownResult(Request)({ paymentRequestId: 'x'.repeat(65), paymentId: 'p-1' })
    expect(failure(tooLong).message).toContain('64')
    expect(Result.isFailure(Schema.decodeUnknownResult(Request)({ paymentRequestId: 42, paymentId: 'p-1' }))).toBe(true)
  })
})
