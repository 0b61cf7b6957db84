import { Effect, Redacted } from 'effect'
import { describe, expect, it } from 'vitest'
import * as built from './constructed-samples.fixtures.js'
import { decodeWire } from './decode.js'
import { encodeRequest } from './encode.js'
import { ENDPOINT_SCHEMAS, ENDPOINTS, type Endpoint, type RequestOf } from './endpoints.js'
import { WireEncodeError } from './errors.js'
import { type JsonObject, parse, runErr, runOk, setAt, typedFrom } from './schemas.fixtures.js'
import * as spec from './spec-samples.fixtures.js'

const WIRE: Record<Endpoint, string> = {
  pay: spec.payCardRequest,
  createPaymentSession: spec.createPaymentSessionRequest,
  verifyAndCompletePayment: built.verifyRequest,
  inquiryPayment: built.inquiryPaymentRequest,
  capture: built.captureRequest,
  cancel: built.cancelRequest,
  refund: built.refundRequest,
  inquiryRefund: built.inquiryRefundRequest,
}

const typed = <E extends Endpoint>(endpoint: E, json: JsonObject = parse(WIRE[endpoint])): RequestOf<E> =>
  typedFrom(ENDPOINT_SCHEMAS[endpoint].request, json) as RequestOf<E>

const encodeError = <E extends Endpoint>(endpoint: E, request: RequestOf<E>) => runErr(encodeRequest(endpoint, request))

describe('encodeRequest', () => {
  it.each(ENDPOINTS)('%s: the body is the documented JSON', (endpoint) => {
    const request = runOk(decodeWire(ENDPOINT_SCHEMAS[endpoint].request, parse(WIRE[endpoint]), endpoint))
    const body = runOk(encodeRequest(endpoint, request as RequestOf<typeof endpoint>))
    expect(typeof body).toBe('string')
    expect(JSON.parse(body)).toEqual(parse(WIRE[endpoint]))
  })

  it('writes Money as the wire amount', () => {
    const body = runOk(
      encodeRequest('capture', { ...typed('capture'), captureAmount: { currency: 'JPY', minor: 1200 } }),
    )
    expect(JSON.parse(body).captureAmount).toEqual({ currency: 'JPY', value: '1200' })
  })

  it.each([
    ['pay', 'paymentRequestId'],
    ['pay', 'order.referenceOrderId'],
    ['createPaymentSession', 'paymentRequestId'],
    ['verifyAndCompletePayment', 'paymentId'],
    ['verifyAndCompletePayment', 'verifyRequestId'],
    ['inquiryPayment', 'paymentRequestId'],
    ['capture', 'captureRequestId'],
    ['capture', 'paymentId'],
    ['cancel', 'paymentId'],
    ['refund', 'refundRequestId'],
    ['refund', 'paymentId'],
    ['inquiryRefund', 'refundRequestId'],
  ] as const)('%s: a 65-character %s is refused at its path', (endpoint, field) => {
    const error = encodeError(endpoint, typed(endpoint, setAt(parse(WIRE[endpoint]), field, 'x'.repeat(65))))
    expect(error).toBeInstanceOf(WireEncodeError)
    expect([error.what, error.path]).toEqual([`${endpoint} request`, field])
  })

  it('accepts a 64-character id', () => {
    const id = 'x'.repeat(64)
    expect(
      runOk(encodeRequest('capture', typed('capture', setAt(parse(WIRE.capture), 'captureRequestId', id)))),
    ).toContain(id)
  })

  /** The typed request with one field replaced, bypassing the decoder (which would refuse the value first). */
  const patched = <E extends Endpoint>(endpoint: E, field: string, value: string) =>
    setAt(typed(endpoint) as unknown as JsonObject, field, value) as unknown as RequestOf<E>

  it.each([
    ['pay', 'paymentRedirectUrl', 'a 2049-character URL', `https://m.example/${'a'.repeat(2031)}`],
    ['pay', 'paymentNotifyUrl', 'an empty URL', ''],
    ['pay', 'merchantAccountId', '33 characters', 'm'.repeat(33)],
    ['pay', 'merchantRegion', 'a 3-letter region', 'USA'],
    ['pay', 'paymentExpiryTime', 'a date that is not ISO 8601', 'tomorrow'],
    ['pay', 'env.terminalType', 'an unknown terminal type', 'TV'],
    ['pay', 'paymentFactor.captureMode', 'an unknown capture mode', 'LATER'],
    ['pay', 'productCode', 'another product', 'AGREEMENT_PAYMENT'],
    ['pay', 'settlementStrategy.settlementCurrency', 'an unknown currency', 'XYZ'],
    ['createPaymentSession', 'productScene', 'another scene', 'ELEMENT_PAYMENT'],
    ['refund', 'refundReason', '257 characters', 'r'.repeat(257)],
    ['capture', 'paymentId', 'an id with a space', 'PAY 1'],
  ] as const)('%s: %s as %s is refused at its path', (endpoint, field, _, value) => {
    expect(encodeError(endpoint, patched(endpoint, field, value)).path).toBe(field)
  })

  it.each([
    ['a fractional amount', { currency: 'USD', minor: 10.5 }, 'refundAmount.minor'],
    ['a negative amount', { currency: 'USD', minor: -1 }, 'refundAmount.minor'],
    ['an unknown currency', { currency: 'XYZ', minor: 100 }, 'refundAmount.currency'],
  ])('refund: %s is refused', (_, amount, path) => {
    const request = { ...typed('refund'), refundAmount: amount } as RequestOf<'refund'>
    expect(encodeError('refund', request).path).toBe(path)
  })

  it.each([
    ['pay', 'paymentAmount'],
    ['pay', 'order'],
    ['pay', 'env'],
    ['pay', 'paymentRedirectUrl'],
    ['verifyAndCompletePayment', 'verifyMethod'],
    ['capture', 'captureAmount'],
    ['refund', 'refundRequestId'],
  ] as const)('%s: a missing %s is refused', (endpoint, field) => {
    const { [field]: _, ...rest } = typed(endpoint) as unknown as Record<string, unknown>
    expect(encodeError(endpoint, rest as unknown as RequestOf<typeof endpoint>).path).toBe(field)
  })

  it.each([
    ['inquiryPayment', 'paymentRequestId or paymentId is required'],
    ['cancel', 'paymentId or paymentRequestId is required'],
    ['inquiryRefund', 'refundRequestId or refundId is required'],
  ] as const)('%s needs one of its two ids', (endpoint, message) => {
    const error = encodeError(endpoint, {} as RequestOf<typeof endpoint>)
    expect(error.message).toBe(message)
  })

  it('a wallet payment carries its metadata through', () => {
    const body = JSON.parse(runOk(encodeRequest('pay', typed('pay', parse(built.payWalletRequest)))))
    expect(body.paymentMethod).toEqual({
      paymentMethodType: 'ALIPAY_CN',
      paymentMethodMetaData: { payerEmail: 'buyer@example.com' },
    })
  })

  it('fails as a typed error that Effect.catchTag can handle', () => {
    const request = typed('capture', setAt(parse(WIRE.capture), 'paymentId', ''))
    const handled = encodeRequest('capture', request).pipe(
      Effect.catchTag('WireEncodeError', (error) => Effect.succeed(`refused at ${error.path}`)),
    )
    expect(runOk(handled)).toBe('refused at paymentId')
  })

  it('reveals the OTP only in the body', () => {
    const request = typed('verifyAndCompletePayment')
    expect(Redacted.isRedacted(request.verifyMethod.otpValue)).toBe(true)
    expect(JSON.stringify(request)).not.toContain('482913')
    expect(runOk(encodeRequest('verifyAndCompletePayment', request))).toContain('"otpValue":"482913"')
  })
})
