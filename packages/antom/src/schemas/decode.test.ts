import { describe, expect, it } from 'vitest'
import * as built from './constructed-samples.fixtures.js'
import { decodeEndpointResponse, decodeNotification, decodeResponse } from './decode.js'
import { WireDecodeError } from './errors.js'
import { InquiryPaymentResponse } from './inquiry.js'
import { PayResponse } from './pay.js'
import { type JsonObject, parse, runErr, runOk, setAt } from './schemas.fixtures.js'
import * as spec from './spec-samples.fixtures.js'

const body = (json: JsonObject) => JSON.stringify(json)
const LONG_ID = 'x'.repeat(65)

const payResponseError = (json: JsonObject) => runErr(decodeResponse(PayResponse, body(json), 'pay response'))
const notificationError = (json: JsonObject) => runErr(decodeNotification(body(json)))

describe('decodeResponse rejects, naming the field', () => {
  const pay = parse(spec.payCardResponse)

  it.each([
    ['paymentId', LONG_ID, 'paymentId'],
    ['paymentRequestId', LONG_ID, 'paymentRequestId'],
    ['paymentAmount.value', '10.5', 'paymentAmount.value'],
    ['paymentAmount.value', '-1', 'paymentAmount.value'],
    ['paymentAmount.value', 1314, 'paymentAmount.value'],
    ['paymentAmount.currency', 'XYZ', 'paymentAmount.currency'],
    ['result.resultStatus', 'X', 'result.resultStatus'],
    ['result', undefined, 'result'],
    ['result.resultCode', undefined, 'result.resultCode'],
    ['paymentCreateTime', '12 Nov 2021', 'paymentCreateTime'],
    ['normalUrl', `https://x.example/${'a'.repeat(2048)}`, 'normalUrl'],
  ] as const)('%s = %j', (field, value, path) => {
    const error = payResponseError(setAt(pay, field, value))
    expect(error).toBeInstanceOf(WireDecodeError)
    expect(error._tag).toBe('WireDecodeError')
    expect(error.what).toBe('pay response')
    expect(error.path).toBe(path)
    expect(error.message.length).toBeGreaterThan(0)
  })

  it('names a field inside an array', () => {
    const inquiry = setAt(parse(spec.inquiryPaymentResponse), 'transactions.0.transactionAmount.value', '-1')
    const error = runErr(decodeResponse(InquiryPaymentResponse, body(inquiry), 'inquiryPayment response'))
    expect(error.path).toBe('transactions[0].transactionAmount.value')
  })

  it('rejects a paymentStatus outside the five the spec lists', () => {
    const inquiry = setAt(parse(spec.inquiryPaymentResponse), 'paymentStatus', 'SETTLED')
    expect(runErr(decodeResponse(InquiryPaymentResponse, body(inquiry), 'inquiry')).path).toBe('paymentStatus')
  })

  it('reports every offending field, the first as path', () => {
    const json = setAt(setAt(pay, 'paymentId', LONG_ID), 'paymentAmount.currency', 'XYZ')
    const error = payResponseError(json)
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['paymentAmount.currency', 'paymentId'])
    expect(error.path).toBe(error.issues[0]?.path)
  })

  it.each([
    ['malformed JSON', '{"result": {"resultCode": "SUCCESS",'],
    ['an empty body', ''],
    ['a JSON array', '[]'],
    ['a JSON string', '"SUCCESS"'],
    ['null', 'null'],
  ])('%s fails at (body)', (_, raw) => {
    const error = runErr(decodeResponse(PayResponse, raw, 'pay response'))
    expect(error).toBeInstanceOf(WireDecodeError)
    expect(error.path).toBe('(body)')
  })

  it('decodeEndpointResponse uses the endpoint schema and names it', () => {
    const error = runErr(
      decodeEndpointResponse('capture', body(setAt(parse(built.captureResponse), 'captureId', LONG_ID))),
    )
    expect([error.what, error.path]).toEqual(['capture response', 'captureId'])
    expect(runOk(decodeEndpointResponse('refund', built.refundResponse)).refundAmount).toEqual({
      currency: 'EUR',
      minor: 1000,
    })
  })
})

describe('fields the gateway adds later', () => {
  it('are ignored at the top level, inside objects and inside arrays', () => {
    let json = setAt(parse(spec.inquiryPaymentResponse), 'brandNewField', { nested: [1, 2] })
    json = setAt(json, 'result.resultHint', 'retry later')
    json = setAt(json, 'paymentAmount.precision', '2')
    json = setAt(json, 'transactions.0.transactionChannel', 'NEW')
    const decoded = runOk(decodeResponse(InquiryPaymentResponse, body(json), 'inquiry'))
    expect(decoded.paymentAmount).toEqual({ currency: 'USD', minor: 110 })
    expect(decoded).not.toHaveProperty('brandNewField')
    expect(decoded.result).not.toHaveProperty('resultHint')
  })

  it('are ignored in notifications', () => {
    const json = setAt(parse(built.notifyCapture), 'captureChannel', 'NEW')
    expect(runOk(decodeNotification(body(json))).notifyType).toBe('CAPTURE_RESULT')
  })

  it('a new transactionType does not make the inquiry undecodable', () => {
    const json = setAt(parse(spec.inquiryPaymentResponse), 'transactions.0.transactionType', 'INSTALMENT_PLAN')
    expect(
      runOk(decodeResponse(InquiryPaymentResponse, body(json), 'inquiry')).transactions?.[0]?.transactionType,
    ).toBe('INSTALMENT_PLAN')
  })
})

describe('decodeNotification', () => {
  it.each([
    ['notifyCapture', built.notifyCapture, 'captureId', LONG_ID, 'captureId'],
    ['notifyCapture', built.notifyCapture, 'captureAmount.value', '10.5', 'captureAmount.value'],
    ['notifyCapture', built.notifyCapture, 'captureRequestId', undefined, 'captureRequestId'],
    ['notifyRefund', built.notifyRefund, 'refundAmount.currency', 'XYZ', 'refundAmount.currency'],
    ['notifyRefund', built.notifyRefund, 'refundStatus', 'PROCESSING', 'refundStatus'],
    ['notifyRefund', built.notifyRefund, 'refundId', undefined, 'refundId'],
    ['notifyPayment', spec.notifyPayment3ds, 'paymentAmount.value', '-1', 'paymentAmount.value'],
    ['notifyPayment', spec.notifyPayment3ds, 'paymentRequestId', LONG_ID, 'paymentRequestId'],
    ['notifyPayment', spec.notifyPayment3ds, 'result.resultStatus', undefined, 'result.resultStatus'],
  ] as const)('%s with %s = %j fails at %s', (_, raw, field, value, path) => {
    const error = notificationError(setAt(parse(raw), field, value))
    expect(error).toBeInstanceOf(WireDecodeError)
    expect(error.path).toBe(path)
  })

  it('names the notification type in `what`', () => {
    expect(notificationError(setAt(parse(built.notifyRefund), 'refundId', LONG_ID)).what).toBe(
      'REFUND_RESULT notification',
    )
  })

  it.each([
    ['an unknown notifyType', { ...parse(built.notifyCapture), notifyType: 'DISPUTE_RESULT' }],
    ['no notifyType', setAt(parse(built.notifyCapture), 'notifyType', undefined)],
    ['a numeric notifyType', { ...parse(built.notifyCapture), notifyType: 1 }],
  ])('rejects %s at notifyType', (_, json) => {
    expect(notificationError(json).path).toBe('notifyType')
  })

  it('replaces U+0000 and half a surrogate pair with U+FFFD, which every store can hold', () => {
    const json = setAt(parse(spec.notifyPayment3ds), 'result.resultMessage', 'paid\u0000 \uD83C')
    const decoded = runOk(decodeNotification(body(json)))
    expect(decoded.result.resultMessage).toBe('paid\uFFFD \uFFFD')
  })

  it('rejects malformed JSON at (body)', () => {
    const error = runErr(decodeNotification('{"notifyType": "PAYMENT_RESULT"'))
    expect([error._tag, error.path, error.what]).toEqual(['WireDecodeError', '(body)', 'notification'])
  })
})
