import { describe, expect, it } from 'vitest'
import { answer } from './request.fixtures.js'
import { retryableResultCode } from './retryable-response.js'

describe('retryableResultCode', () => {
  it('names the U answers worth resending', () => {
    expect(retryableResultCode(answer('U', 'REQUEST_TRAFFIC_EXCEED_LIMIT'))).toBe('REQUEST_TRAFFIC_EXCEED_LIMIT')
    expect(retryableResultCode(answer('U', 'UNKNOWN_EXCEPTION'))).toBe('UNKNOWN_EXCEPTION')
  })

  it.each([
    ['S', answer('S', 'SUCCESS')],
    ['F', answer('F', 'DO_NOT_HONOR')],
    ['another U', answer('U', 'PAYMENT_IN_PROCESS')],
    ['the code with status F', answer('F', 'UNKNOWN_EXCEPTION')],
    ['no status', JSON.stringify({ result: { resultCode: 'UNKNOWN_EXCEPTION' } })],
    ['no result', '{"paymentId":"1"}'],
    ['a non-string code', '{"result":{"resultCode":7,"resultStatus":"U"}}'],
    ['JSON null', 'null'],
    ['not JSON', '<html>busy</html>'],
    ['empty', ''],
  ])('leaves %s to the caller', (_name, body) => {
    expect(retryableResultCode(body)).toBeUndefined()
  })
})
