import { ID_MAX_LENGTHS } from '@paychart/core/ids'
import { CURRENCY_CODES } from '@paychart/core/money'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CaptureRequest } from './capture.js'
import * as built from './constructed-samples.fixtures.js'
import { decodeResponse, decodeWire } from './decode.js'
import { encodeRequest, encodeWire } from './encode.js'
import { FIELD_LIMITS } from './field-limits.data.js'
import { RefundResponse } from './refund.js'
import { replayable } from './replayable.fixtures.js'
import { parse, runErr, runOk } from './schemas.fixtures.js'

const idChars = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-*')
const id = (maxLength: number) => fc.array(idChars, { minLength: 1, maxLength }).map((chars) => chars.join(''))
const money = fc.record({
  currency: fc.constantFrom(...CURRENCY_CODES),
  minor: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
})

describe('wire properties', () => {
  it('a capture request survives encode, JSON and decode unchanged', () => {
    fc.assert(
      fc.property(id(64), id(64), money, (captureRequestId, paymentId, captureAmount) => {
        const request = { captureRequestId, paymentId, captureAmount } as CaptureRequest
        const body = runOk(encodeRequest('capture', request))
        expect(JSON.parse(body).captureAmount).toEqual({
          currency: captureAmount.currency,
          value: String(captureAmount.minor),
        })
        expect(runOk(decodeWire(CaptureRequest, JSON.parse(body), 'capture'))).toEqual(request)
      }),
      replayable('capture request round trip', 200),
    )
  })

  it('an id longer than its limit is always refused at its field', () => {
    fc.assert(
      fc.property(fc.integer({ min: 65, max: 300 }), money, (length, captureAmount) => {
        const request = { captureRequestId: 'c'.repeat(length), paymentId: 'p', captureAmount } as CaptureRequest
        expect(runErr(encodeRequest('capture', request)).path).toBe('captureRequestId')
      }),
      replayable('over-long ids refused', 100),
    )
  })

  it('unknown fields never break a response', () => {
    const known = new Set(Object.keys(parse(built.refundResponse)))
    const extras = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !known.has(key) && key !== '__proto__'),
      fc.jsonValue(),
      { maxKeys: 5 },
    )
    fc.assert(
      fc.property(extras, (extra) => {
        const body = JSON.stringify({ ...extra, ...parse(built.refundResponse) })
        const decoded = runOk(decodeResponse(RefundResponse, body, 'refund response'))
        expect(runOk(encodeWire(RefundResponse, decoded, 'refund response'))).toEqual(parse(built.refundResponse))
      }),
      replayable('unknown response fields ignored', 200),
    )
  })
})

describe('field limits data', () => {
  it('agrees with the id lengths core enforces', () => {
    for (const field of [
      'paymentRequestId',
      'paymentId',
      'verifyRequestId',
      'captureRequestId',
      'refundRequestId',
    ] as const) {
      expect([field, FIELD_LIMITS[field].maxLength]).toEqual([field, ID_MAX_LENGTHS[field]])
    }
    expect(FIELD_LIMITS.paymentSessionId.maxLength).toBe(ID_MAX_LENGTHS.paymentSessionId)
  })

  it('names a source for every limit, and ids without one in the spec get 64', () => {
    for (const [field, { maxLength, source }] of Object.entries(FIELD_LIMITS)) {
      expect(source, field).toBeTruthy()
      expect(Number.isInteger(maxLength) && maxLength > 0, field).toBe(true)
    }
    for (const field of ['captureId', 'refundId', 'referenceOrderId', 'transactionId'] as const) {
      expect(FIELD_LIMITS[field].maxLength).toBe(64)
    }
  })
})
