import { SchemaIssue } from 'effect'
import { describe, expect, it } from 'vitest'
import { formatPath, toWireIssues, WireDecodeError, WireEncodeError } from './errors.js'
import { SAFE_MESSAGES } from './sensitive.js'

const at = (path: ReadonlyArray<PropertyKey>, message: string) =>
  new SchemaIssue.Pointer(path, new SchemaIssue.InvalidValue({ message }))

describe('formatPath', () => {
  it.each([
    [['paymentAmount', 'value'], 'paymentAmount.value'],
    [['transactions', 0, 'transactionAmount', 'value'], 'transactions[0].transactionAmount.value'],
    [['goods', 2], 'goods[2]'],
    [[], '(body)'],
  ] as const)('%j -> %s', (path, text) => {
    expect(formatPath(path, '(body)')).toBe(text)
  })
})

describe('toWireIssues', () => {
  it('keeps the message of an ordinary field', () => {
    expect(toWireIssues(at(['paymentId'], 'too long: PAY-123'), '(request)')).toEqual([
      { path: 'paymentId', message: 'too long: PAY-123' },
    ])
  })

  it.each(['cardNo', 'cvv', 'expiryYear', 'expiryMonth', 'cardholderName', 'otpValue'])(
    'withholds any message about %s that is not one of ours',
    (field) => {
      const [issue] = toWireIssues(at(['paymentMethod', field, 'firstName'], 'got "4111111111111111"'), '(request)')
      expect(issue?.message).toBe(`${field} is invalid (the value is withheld)`)
      expect(JSON.stringify(issue)).not.toContain('4111111111111111')
    },
  )

  it('keeps our own messages about sensitive fields', () => {
    expect(toWireIssues(at(['paymentMethod', 'cardNo'], SAFE_MESSAGES.cardNo), '(request)')[0]?.message).toBe(
      SAFE_MESSAGES.cardNo,
    )
  })
})

describe('the errors', () => {
  it('are tagged, carry what/path/message and serialize them', () => {
    const issues = [{ path: 'paymentAmount.value', message: 'bad' }]
    const decode = new WireDecodeError({ what: 'pay response', path: 'paymentAmount.value', message: 'bad', issues })
    const encode = new WireEncodeError({ what: 'pay request', path: 'paymentId', message: 'too long', issues })
    expect([decode._tag, decode.what, decode.path, decode.message]).toEqual([
      'WireDecodeError',
      'pay response',
      'paymentAmount.value',
      'bad',
    ])
    expect(encode._tag).toBe('WireEncodeError')
    expect(JSON.parse(JSON.stringify(encode))).toMatchObject({ what: 'pay request', path: 'paymentId' })
  })
})
