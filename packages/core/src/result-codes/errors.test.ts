import { Effect, Exit } from 'effect'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { type ErrorCode, type GatewayResult, isListedFor, type ResultCode } from './catalogue.js'
import {
  type AnyUnknownResultCode,
  type ApiError,
  checkResult,
  type InCategory,
  isInCategory,
  ResultCodeError,
  resultCodeError,
  toApiError,
  UnknownResultCode,
} from './errors.js'
import { resultCodeData } from './result-code-data.js'

const failed = (resultCode: string, resultStatus: 'F' | 'U' = 'F', resultMessage?: string): GatewayResult =>
  resultMessage === undefined ? { resultCode, resultStatus } : { resultCode, resultStatus, resultMessage }

const errorOf = <E>(effect: Effect.Effect<unknown, E>): E => Effect.runSync(Effect.flip(effect))

describe('resultCodeError', () => {
  it('carries the API, code, status, category and the texts of that API', () => {
    const error = resultCodeError('pay', 'DO_NOT_HONOR')
    expect(error).toBeInstanceOf(ResultCodeError)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({
      _tag: 'DO_NOT_HONOR',
      api: 'pay',
      code: 'DO_NOT_HONOR',
      status: 'F',
      category: 'customerAction',
      message: 'The payment is declined by the issuing bank.',
      furtherAction: 'Retry the payment using a different card or contact the issuing bank.',
    })
    expect(resultCodeError('verifyAndCompletePayment', 'EXPIRED_CODE').message).toBe(
      'Verification code window is expired.',
    )
    expect(resultCodeError('pay', 'EXPIRED_CODE', 'expired!').message).toBe('expired!')
  })

  it('falls back to another table for a code an API only names', () => {
    const error = resultCodeError('inquiryPayment', 'ORDER_NOT_EXIST')
    expect(error.message).toBe('The order does not exist.')
    expect(error.furtherAction).toContain('if the buyer does not submit the order')
  })

  it('is yieldable: yielding it fails the effect with it', () => {
    const error = resultCodeError('pay', 'PROCESS_FAIL')
    const exit = Effect.runSyncExit(
      Effect.gen(function* () {
        return yield* error
      }),
    )
    expect(exit).toStrictEqual(Exit.fail(error))
  })

  it('only takes the codes the API lists', () => {
    // @ts-expect-error INVALID_CPF is not in the verifyAndCompletePayment table
    resultCodeError('verifyAndCompletePayment', 'INVALID_CPF')
    // @ts-expect-error SUCCESS is not an error
    resultCodeError('pay', 'SUCCESS')
    // @ts-expect-error capture has no listed codes
    resultCodeError('capture', 'SYSTEM_ERROR')
    expectTypeOf(resultCodeError('pay', 'VERIFY_UNMATCHED')).toEqualTypeOf<ResultCodeError<'VERIFY_UNMATCHED'>>()
  })
})

describe('toApiError', () => {
  it('is undefined for an S result, whatever its code', () => {
    expect(toApiError('pay', { resultCode: 'SUCCESS', resultStatus: 'S' })).toBeUndefined()
    expect(toApiError('pay', { resultCode: 'ANYTHING', resultStatus: 'S' })).toBeUndefined()
  })

  it('gives the typed error of a listed code, with the message the gateway sent', () => {
    const error = toApiError('pay', failed('USER_BALANCE_NOT_ENOUGH', 'F', 'Insufficient balance'))
    expect(error).toBeInstanceOf(ResultCodeError)
    expect(error).toMatchObject({ _tag: 'USER_BALANCE_NOT_ENOUGH', message: 'Insufficient balance' })
    expect(toApiError('pay', failed('USER_BALANCE_NOT_ENOUGH', 'F', ''))?.message).toContain('user balance')
  })

  it.each<[string, 'F' | 'U', string]>([
    ['BRAND_NEW_CODE', 'F', 'stopAndEscalate'],
    ['BRAND_NEW_CODE', 'U', 'outcomeUnknown'],
    // Known to the catalogue but not listed for verifyAndCompletePayment: keeps the catalogue's category.
    ['INVALID_CPF', 'F', 'customerAction'],
    // Listed, but with another status than the table's.
    ['DO_NOT_HONOR', 'U', 'outcomeUnknown'],
  ])('turns %s (%s) into UnknownResultCode with category %s', (code, status, category) => {
    const error = toApiError('verifyAndCompletePayment', failed(code, status, 'raw message'))
    expect(error).toBeInstanceOf(UnknownResultCode)
    expect(error).toMatchObject({ _tag: 'UnknownResultCode', api: 'verifyAndCompletePayment', code, status, category })
    expect(error?.message).toBe('raw message')
  })

  it('never throws, even on what the types rule out', () => {
    const odd = { resultCode: '__proto__', resultStatus: 'X' } as unknown as GatewayResult
    expect(toApiError('capture', odd)).toMatchObject({
      code: '__proto__',
      category: 'outcomeUnknown',
      message: '__proto__',
    })
    expect(toApiError('capture', failed('SYSTEM_ERROR'))).toBeInstanceOf(UnknownResultCode)
  })

  it.each(Object.keys(resultCodeData) as ResultCode[])('never makes %s an error with status S', (code) => {
    const { status } = resultCodeData[code]
    const error = status === 'S' ? undefined : toApiError('pay', failed(code, status))
    expect(error?.status ?? 'S').toBe(status)
    if (error instanceof ResultCodeError) expect(isListedFor('pay', error.code)).toBe(true)
  })
})

describe('with Effect', () => {
  const payFailingWith = (code: string, status: 'F' | 'U' = 'F') => checkResult('pay', failed(code, status))

  it('checkResult succeeds with an S result', () => {
    const result = { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success.' } as const
    expect(Effect.runSync(checkResult('pay', result))).toBe(result)
  })

  it('catchTag narrows to the one code and removes it from the error type', () => {
    const recovered = payFailingWith('DO_NOT_HONOR').pipe(
      Effect.catchTag('DO_NOT_HONOR', (error) => {
        expectTypeOf(error).toEqualTypeOf<ResultCodeError<'DO_NOT_HONOR'>>()
        return Effect.succeed(error.furtherAction)
      }),
    )
    type Remaining = Effect.Error<typeof recovered>
    expectTypeOf<ResultCodeError<'DO_NOT_HONOR'>>().not.toExtend<Remaining>()
    expectTypeOf<ResultCodeError<'INVALID_CPF'>>().toExtend<Remaining>()
    expect(Effect.runSync(recovered)).toBe('Retry the payment using a different card or contact the issuing bank.')
  })

  it('catchTag leaves other codes alone and catches unknown ones by their tag', () => {
    const program = payFailingWith('SOME_NEW_CODE', 'U').pipe(
      Effect.catchTag('DO_NOT_HONOR', () => Effect.succeed('declined')),
      Effect.catchTag('UnknownResultCode', (error) => Effect.succeed(`${error.code}:${error.category}`)),
    )
    expect(Effect.runSync(program)).toBe('SOME_NEW_CODE:outcomeUnknown')
    expect(
      errorOf(payFailingWith('RISK_REJECT').pipe(Effect.catchTag('DO_NOT_HONOR', () => Effect.void))),
    ).toMatchObject({ _tag: 'RISK_REJECT' })
  })

  it('catchTag does not accept a code the API cannot fail with', () => {
    const verify = checkResult('verifyAndCompletePayment', failed('VERIFY_UNMATCHED'))
    // @ts-expect-error INVALID_CPF is not in the verifyAndCompletePayment table
    verify.pipe(Effect.catchTag('INVALID_CPF', () => Effect.void))
    // @ts-expect-error SUCCESS is never an error
    verify.pipe(Effect.catchTag('SUCCESS', () => Effect.void))
  })

  it('catchIf(isInCategory(…)) catches known and unknown codes of that category', () => {
    const retried = (code: string, status: 'F' | 'U') =>
      payFailingWith(code, status).pipe(
        Effect.catchIf(isInCategory('retrySameRequest'), (error) => {
          expectTypeOf(error).toEqualTypeOf<InCategory<'pay', 'retrySameRequest'>>()
          return Effect.succeed(`retry ${error.code}`)
        }),
      )
    expect(Effect.runSync(retried('REQUEST_TRAFFIC_EXCEED_LIMIT', 'U'))).toBe('retry REQUEST_TRAFFIC_EXCEED_LIMIT')
    expect(errorOf(retried('PAYMENT_IN_PROCESS', 'U'))).toMatchObject({ category: 'outcomeUnknown' })
    expectTypeOf<Effect.Error<ReturnType<typeof retried>>>().toEqualTypeOf<
      Exclude<ApiError<'pay'>, InCategory<'pay', 'retrySameRequest'>>
    >()
  })

  it('isInCategory is false for anything without that category', () => {
    const isCustomerAction = isInCategory('customerAction')
    expect(isCustomerAction(resultCodeError('pay', 'DO_NOT_HONOR'))).toBe(true)
    expect(isCustomerAction(resultCodeError('pay', 'SYSTEM_ERROR'))).toBe(false)
    expect([null, undefined, 'customerAction', {}].some(isCustomerAction)).toBe(false)
  })
})

describe('types', () => {
  it('give each API exactly the errors of its table, plus unknown codes', () => {
    expectTypeOf<ResultCodeError<'INVALID_CPF'>>().toExtend<ApiError<'pay'>>()
    expectTypeOf<ResultCodeError<'INVALID_CPF'>>().not.toExtend<ApiError<'verifyAndCompletePayment'>>()
    expectTypeOf<ResultCodeError<'IDENTITY_AGE_NOT_ENOUGH'>>().not.toExtend<ApiError<'verifyAndCompletePayment'>>()
    expectTypeOf<ResultCodeError<'VERIFY_UNMATCHED'>>().toExtend<ApiError<'verifyAndCompletePayment'>>()
    expectTypeOf<ApiError<'inquiryPayment'>>().toEqualTypeOf<
      ResultCodeError<'ORDER_NOT_EXIST'> | AnyUnknownResultCode
    >()
    expectTypeOf<ApiError<'capture'>>().toEqualTypeOf<AnyUnknownResultCode>()
    expectTypeOf<UnknownResultCode<'stopAndEscalate'>>().toExtend<ApiError<'refund'>>()
    expectTypeOf<ApiError<'pay'>['_tag']>().toEqualTypeOf<ErrorCode | 'UnknownResultCode'>()
  })

  it('narrow a category to its codes and the unknown codes that can fall in it', () => {
    expectTypeOf<InCategory<'pay', 'retrySameRequest'>>().toEqualTypeOf<
      | ResultCodeError<'REQUEST_TRAFFIC_EXCEED_LIMIT'>
      | ResultCodeError<'UNKNOWN_EXCEPTION'>
      | UnknownResultCode<'retrySameRequest'>
    >()
    expectTypeOf<InCategory<'inquiryPayment', 'customerAction'>>().toEqualTypeOf<UnknownResultCode<'customerAction'>>()
  })
})
