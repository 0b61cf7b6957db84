import * as Data from 'effect/Data'
import * as Effect from 'effect/Effect'
import {
  type Api,
  categoryOf,
  type ErrorCode,
  type ErrorCodesOf,
  type GatewayResult,
  isListedFor,
  lookupResultCode,
  type ResultStatus,
  resultCodeInfo,
  type StatusOf,
} from './catalogue.js'
import { type CategoryOf, categories, type ErrorCategory } from './categories.js'

/** A code of the catalogue as a typed, yieldable error; `_tag` is the code, so `Effect.catchTag(code, …)` works. */
export class ResultCodeError<C extends ErrorCode = ErrorCode> extends Data.Error<{
  readonly _tag: C
  readonly api: Api
  readonly code: C
  readonly status: StatusOf<C>
  readonly category: CategoryOf<C>
  readonly message: string
  readonly furtherAction: string
}> {}

/**
 * A failed result the API's table does not list (or lists with another status). Its category comes from the
 * catalogue when the code is known elsewhere, otherwise from the status.
 */
export class UnknownResultCode<K extends ErrorCategory = ErrorCategory> extends Data.TaggedError('UnknownResultCode')<{
  readonly api: Api
  readonly code: string
  readonly status: Exclude<ResultStatus, 'S'>
  readonly category: K
  readonly message: string
}> {}

/** One error type per code, so that unions narrow by `_tag` and by `category`. */
export type ResultCodeErrorOf<C extends ErrorCode> = { [K in C]: ResultCodeError<K> }[C]

/** One member per category, so that narrowing by `category` keeps the unknown codes that can fall in it. */
export type AnyUnknownResultCode = { [K in ErrorCategory]: UnknownResultCode<K> }[ErrorCategory]

/** The errors one API can fail with: exactly the codes its table lists, plus unknown codes. */
export type ApiError<A extends Api> = ResultCodeErrorOf<ErrorCodesOf<A>> | AnyUnknownResultCode

export type InCategory<A extends Api, K extends ErrorCategory> = Extract<ApiError<A>, { readonly category: K }>

const texts = (api: Api, code: ErrorCode) => {
  const { apis } = resultCodeInfo(code)
  const entry = apis[api]
  const fallback = Object.values(apis).find((other) => other.message !== undefined)
  return {
    message: entry?.message ?? fallback?.message ?? code,
    furtherAction: entry?.furtherAction ?? entry?.note ?? fallback?.furtherAction ?? '',
  }
}

const makeResultCodeError = (api: Api, code: ErrorCode, message: string | undefined): ResultCodeError => {
  const text = texts(api, code)
  return new ResultCodeError({
    _tag: code,
    api,
    code,
    status: resultCodeInfo(code).status as StatusOf<ErrorCode>,
    category: categories[code],
    message: message || text.message,
    furtherAction: text.furtherAction,
  })
}

/** The error for a code the API's table lists; the message defaults to the table's. */
export const resultCodeError = <A extends Api, C extends ErrorCodesOf<A>>(
  api: A,
  code: C,
  message?: string,
): ResultCodeErrorOf<C> => makeResultCodeError(api, code, message) as ResultCodeErrorOf<C>

/** The error a result stands for, or `undefined` when its status is S. Never throws, whatever the gateway sends. */
export const toApiError = <A extends Api>(api: A, result: GatewayResult): ApiError<A> | undefined => {
  const { resultStatus: status, resultCode: code, resultMessage: message } = result
  if (status === 'S') return undefined
  if (isListedFor(api, code) && lookupResultCode(code)?.status === status) {
    return makeResultCodeError(api, code as ErrorCode, message) as ApiError<A>
  }
  // A non-S result never has the category 'success': known codes keep S and 'success' together.
  const category = categoryOf(result) as ErrorCategory
  return new UnknownResultCode({ api, code, status, category, message: message || code }) as ApiError<A>
}

/** Succeeds with an S result, fails with the result's {@link ApiError} otherwise. */
export const checkResult = <A extends Api>(
  api: A,
  result: GatewayResult,
): Effect.Effect<GatewayResult, ApiError<A>> => {
  const error = toApiError(api, result)
  return error === undefined ? Effect.succeed(result) : Effect.fail(error)
}

/** A refinement for `Effect.catchIf` and friends: the errors (known or unknown codes) of one category. */
export const isInCategory =
  <K extends ErrorCategory>(category: K) =>
  <E>(error: E): error is Extract<E, { readonly category: K }> =>
    typeof error === 'object' && error !== null && 'category' in error && error.category === category
