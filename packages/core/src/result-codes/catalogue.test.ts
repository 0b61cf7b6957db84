import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  type Api,
  apis,
  type CodesOf,
  categoryOf,
  type ErrorCode,
  type ErrorCodesOf,
  isListedFor,
  isResultCode,
  lookupResultCode,
  type ResultCode,
  type StatusOf,
} from './catalogue.js'
import { type ActionCategory, type CategoryOf, categories } from './categories.js'
import { resultCodeData } from './result-code-data.js'

const codes = Object.keys(resultCodeData) as ResultCode[]

describe('lookupResultCode', () => {
  it('gives status, category and what each API document says', () => {
    const info = lookupResultCode('EXPIRED_CODE')
    expect(info).toMatchObject({ code: 'EXPIRED_CODE', status: 'F', category: 'customerAction' })
    expect(info?.apis.pay?.furtherAction).toBe('The user needs to refresh the payment code.')
    expect(info?.apis.verifyAndCompletePayment?.furtherAction).toBe('The buyer needs to initiate the payment again.')
    expect(lookupResultCode('SYSTEM_ERROR')?.apis.verifyAndCompletePayment?.furtherAction).toContain('APO Technical')
  })

  it('attributes the codes other documents name to their API', () => {
    expect(lookupResultCode('ORDER_NOT_EXIST')?.apis.inquiryPayment).toEqual({
      source: 'embedded-checkout-page.txt',
      note: expect.stringContaining('if the buyer does not submit the order'),
    })
    expect(lookupResultCode('SUCCESS')?.apis.createPaymentSession?.source).toBe('embedded-checkout-page.txt')
  })

  it.each(['NOT_A_CODE', '', 'toString', '__proto__', 'constructor', 'success'])('knows nothing of %j', (code) => {
    expect(lookupResultCode(code)).toBeUndefined()
    expect(isResultCode(code)).toBe(false)
  })
})

describe('isListedFor', () => {
  it.each<[Api, string, boolean]>([
    ['pay', 'INVALID_CPF', true],
    ['verifyAndCompletePayment', 'INVALID_CPF', false],
    ['verifyAndCompletePayment', 'VERIFY_UNMATCHED', true],
    ['inquiryPayment', 'ORDER_NOT_EXIST', true],
    ['inquiryPayment', 'PARAM_ILLEGAL', false],
    ['createPaymentSession', 'SUCCESS', true],
    ['capture', 'SUCCESS', false],
    ['pay', 'toString', false],
  ])('%s lists %s: %s', (api, code, listed) => {
    expect(isListedFor(api, code)).toBe(listed)
  })

  it('lists no code for the APIs the specification has no codes for', () => {
    for (const api of ['capture', 'cancel', 'refund', 'inquiryRefund'] as const) {
      expect(codes.filter((code) => isListedFor(api, code))).toEqual([])
    }
  })

  it('lists the table codes for pay and verifyAndCompletePayment', () => {
    expect(codes.filter((code) => isListedFor('pay', code))).toHaveLength(51)
    expect(codes.filter((code) => isListedFor('verifyAndCompletePayment', code))).toHaveLength(46)
    expect(apis).toHaveLength(8)
  })
})

describe('categoryOf', () => {
  it.each<[string, 'S' | 'F' | 'U', ActionCategory]>([
    ['SUCCESS', 'S', 'success'],
    ['DO_NOT_HONOR', 'F', 'customerAction'],
    ['UNKNOWN_EXCEPTION', 'U', 'retrySameRequest'],
    ['PAYMENT_IN_PROCESS', 'U', 'outcomeUnknown'],
    ['ORDER_IS_CLOSED', 'F', 'retryNewRequest'],
    ['KEY_NOT_FOUND', 'F', 'merchantConfiguration'],
    ['PROCESS_FAIL', 'F', 'stopAndEscalate'],
    ['SOMETHING_NEW', 'U', 'outcomeUnknown'],
    ['SOMETHING_NEW', 'F', 'stopAndEscalate'],
    ['SOMETHING_NEW', 'S', 'success'],
    // A status the specification does not give the code: its advice does not apply, the status decides.
    ['DO_NOT_HONOR', 'U', 'outcomeUnknown'],
    ['UNKNOWN_EXCEPTION', 'F', 'stopAndEscalate'],
  ])('%s with status %s is %s', (resultCode, resultStatus, category) => {
    expect(categoryOf({ resultCode, resultStatus })).toBe(category)
  })

  it('never throws on what the wire may carry', () => {
    const garbage = { resultStatus: 'X', resultCode: '__proto__' } as unknown as Parameters<typeof categoryOf>[0]
    expect(categoryOf(garbage)).toBe('outcomeUnknown')
  })
})

describe('categories', () => {
  it('cover exactly the catalogue codes', () => {
    expect(Object.keys(categories).sort()).toEqual([...codes].sort())
  })

  it.each(codes)('%s has a category that fits its status', (code) => {
    const { status } = resultCodeData[code]
    const category: ActionCategory = categories[code]
    const expected = {
      S: ['success'],
      U: ['retrySameRequest', 'outcomeUnknown'],
      F: ['retryNewRequest', 'customerAction', 'merchantConfiguration', 'stopAndEscalate'],
    }[status]
    expect(expected).toContain(category)
  })

  it('follow the further action the specification gives', () => {
    const inCategory = (category: ActionCategory) => codes.filter((code) => categories[code] === category).sort()
    expect(inCategory('retrySameRequest')).toEqual(['REQUEST_TRAFFIC_EXCEED_LIMIT', 'UNKNOWN_EXCEPTION'])
    expect(inCategory('outcomeUnknown')).toEqual(['PAYMENT_IN_PROCESS'])
    expect(inCategory('retryNewRequest')).toEqual(
      expect.arrayContaining([
        'AUTHENTICATION_REQUIRED',
        'ORDER_IS_CANCELED',
        'ORDER_IS_CLOSED',
        'REPEAT_REQ_INCONSISTENT',
      ]),
    )
    expect(inCategory('customerAction')).toEqual(
      expect.arrayContaining(['DO_NOT_HONOR', 'CARD_NOT_SUPPORTED', 'INVALID_CARD_NUMBER', 'USER_BALANCE_NOT_ENOUGH']),
    )
    expect(inCategory('customerAction')).toEqual(
      expect.arrayContaining(['VERIFY_UNMATCHED', 'VERIFY_TIMES_EXCEED_LIMIT', 'EXPIRED_CODE']),
    )
    expect(inCategory('merchantConfiguration')).toEqual(
      expect.arrayContaining(['ACCESS_DENIED', 'KEY_NOT_FOUND', 'PARAM_ILLEGAL', 'INVALID_CONTRACT']),
    )
    expect(inCategory('stopAndEscalate')).toEqual(
      expect.arrayContaining(['PROCESS_FAIL', 'SYSTEM_ERROR', 'FRAUD_REJECT', 'RISK_REJECT']),
    )
  })

  it('put every code whose further action says "Do not retry" under stopAndEscalate', () => {
    const doNotRetry = codes.filter((code) =>
      Object.values(resultCodeData[code].apis).some(
        (entry) => 'furtherAction' in entry && /Do not retry/.test(entry.furtherAction),
      ),
    )
    expect(doNotRetry.length).toBeGreaterThan(0)
    for (const code of doNotRetry) expect(categories[code]).toBe('stopAndEscalate')
  })
})

describe('types', () => {
  it('derive the codes of each API from its table', () => {
    expectTypeOf<'INVALID_CPF'>().toExtend<CodesOf<'pay'>>()
    expectTypeOf<'INVALID_CPF'>().not.toExtend<CodesOf<'verifyAndCompletePayment'>>()
    expectTypeOf<CodesOf<'inquiryPayment'>>().toEqualTypeOf<'SUCCESS' | 'ORDER_NOT_EXIST'>()
    expectTypeOf<ErrorCodesOf<'inquiryPayment'>>().toEqualTypeOf<'ORDER_NOT_EXIST'>()
    expectTypeOf<CodesOf<'createPaymentSession'>>().toEqualTypeOf<'SUCCESS'>()
    expectTypeOf<CodesOf<'capture'>>().toBeNever()
    expectTypeOf<ErrorCodesOf<'pay'>>().toEqualTypeOf<Exclude<CodesOf<'pay'>, 'SUCCESS'>>()
    expectTypeOf<ErrorCode>().toEqualTypeOf<Exclude<ResultCode, 'SUCCESS'>>()
  })

  it('keep statuses and categories literal', () => {
    expectTypeOf<StatusOf<'PAYMENT_IN_PROCESS'>>().toEqualTypeOf<'U'>()
    expectTypeOf<CategoryOf<'DO_NOT_HONOR'>>().toEqualTypeOf<'customerAction'>()
    expectTypeOf(categories).toExtend<Record<ResultCode, ActionCategory>>()
    // @ts-expect-error a code without a category does not typecheck
    const incomplete = { SUCCESS: 'success' } satisfies Record<ResultCode, ActionCategory>
    expect(incomplete).toBeDefined()
  })
})

it('the folder index exports the public API', async () => {
  const index = await import('./index.js')
  expect(Object.keys(index).sort()).toEqual([
    'ResultCodeError',
    'UnknownResultCode',
    'apis',
    'categories',
    'categoryOf',
    'checkResult',
    'isInCategory',
    'isListedFor',
    'isResultCode',
    'lookupResultCode',
    'resultCodeError',
    'resultCodeInfo',
    'toApiError',
  ])
})
