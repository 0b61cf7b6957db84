import { Result } from 'effect'
import { describe, expect, it } from 'vitest'
import { header } from './headers.js'
import { parseSignatureHeader, signatureHeader } from './signature-header.js'

const signature = 'ab+c/d=='
const expected = { algorithm: 'RSA256', keyVersion: '1', signature }
const parse = (value: string) => Result.getOrThrow(parseSignatureHeader(value))
const reason = (value: string) => Result.getOrThrow(Result.flip(parseSignatureHeader(value))).reason

describe('signatureHeader', () => {
  it('URL-encodes the Base64 signature', () => {
    expect(signatureHeader({ keyVersion: 1, signature })).toBe(
      'algorithm=RSA256,keyVersion=1,signature=ab%2Bc%2Fd%3D%3D',
    )
  })

  it('round-trips through parseSignatureHeader', () => {
    expect(parse(signatureHeader({ keyVersion: '2', signature }))).toEqual({ ...expected, keyVersion: '2' })
  })
})

describe('parseSignatureHeader', () => {
  it.each([
    ['no spaces', 'algorithm=RSA256,keyVersion=1,signature=ab%2Bc%2Fd%3D%3D'],
    ['spaces after commas', 'algorithm=RSA256, keyVersion=1, signature=ab%2Bc%2Fd%3D%3D'],
    ['spaces everywhere', '  algorithm = RSA256 ,keyVersion= 1 ,  signature =ab%2Bc%2Fd%3D%3D  '],
    ['another order', 'signature=ab%2Bc%2Fd%3D%3D,algorithm=RSA256,keyVersion=1'],
    ['part names in another case', 'Algorithm=RSA256,KEYVERSION=1,Signature=ab%2Bc%2Fd%3D%3D'],
    ['a signature not URL-encoded', 'algorithm=RSA256,keyVersion=1,signature=ab+c/d=='],
    ['lower-case percent escapes', 'algorithm=RSA256,keyVersion=1,signature=ab%2bc%2fd%3d%3d'],
    ['a trailing comma and an unknown part', 'algorithm=RSA256,keyVersion=1,signature=ab+c/d==,extra=x,'],
  ])('parses %s', (_, value) => {
    expect(parse(value)).toEqual(expected)
  })

  it('accepts a header without keyVersion', () => {
    expect(parse('algorithm=RSA256,signature=ab+c/d==')).toEqual({ algorithm: 'RSA256', signature })
  })

  it.each([
    ['an empty value', '', 'no algorithm'],
    ['a part without =', 'algorithm=RSA256,keyVersion,signature=abcd', 'a part is not name=value'],
    ['no signature', 'algorithm=RSA256,keyVersion=1', 'no Base64 signature'],
    ['a signature that is not Base64', 'algorithm=RSA256,signature=not*base64', 'no Base64 signature'],
    ['a broken percent escape', 'algorithm=RSA256,signature=ab%2', 'no Base64 signature'],
    ['a repeated part', 'algorithm=RSA256,signature=abcd,signature=efgh', 'signature appears twice'],
    ['no algorithm', 'keyVersion=1,signature=abcd', 'no algorithm'],
  ])('rejects %s', (_, value, why) => {
    expect(reason(value)).toBe(why)
  })
})

describe('header', () => {
  const record = { 'Response-Time': '1', signature: ['a', 'b'], 'client-id': 'C' }

  it.each([
    ['response-time', '1'],
    ['RESPONSE-TIME', '1'],
    ['Signature', 'a'],
    ['Client-Id', 'C'],
    ['missing', undefined],
  ])('finds %s in a record in any case', (name, value) => {
    expect(header(record, name)).toBe(value)
  })

  it('reads Fetch Headers', () => {
    const headers = new Headers({ Signature: 'x' })
    expect(header(headers, 'signature')).toBe('x')
    expect(header(headers, 'request-time')).toBeUndefined()
  })
})
