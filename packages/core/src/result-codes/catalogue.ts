import { type ActionCategory, categories } from './categories.js'
import { type ResultCode, resultCodeData } from './result-code-data.js'

export type { ResultCode }

export const apis = [
  'pay',
  'verifyAndCompletePayment',
  'createPaymentSession',
  'inquiryPayment',
  'capture',
  'cancel',
  'refund',
  'inquiryRefund',
] as const

export type Api = (typeof apis)[number]

export type ResultStatus = 'S' | 'F' | 'U'

type Data = typeof resultCodeData

export type StatusOf<C extends ResultCode> = Data[C]['status']

/** Exactly the codes the specification lists for an API (none yet for the APIs it has no table for). */
export type CodesOf<A extends Api> = { [C in ResultCode]: A extends keyof Data[C]['apis'] ? C : never }[ResultCode]

export type SuccessCode = { [C in ResultCode]: StatusOf<C> extends 'S' ? C : never }[ResultCode]

export type ErrorCode = Exclude<ResultCode, SuccessCode>

export type ErrorCodesOf<A extends Api> = Exclude<CodesOf<A>, SuccessCode>

/** The `result` object of every gateway response and notification. */
export interface GatewayResult {
  readonly resultStatus: ResultStatus
  readonly resultCode: string
  readonly resultMessage?: string
}

/** What one API's document says about a code: a table row (message and further action) or a note. */
export interface ApiEntry {
  readonly source: string
  readonly message?: string
  readonly furtherAction?: string
  readonly note?: string
}

export interface ResultCodeInfo {
  readonly code: ResultCode
  readonly status: ResultStatus
  readonly category: ActionCategory
  readonly apis: Readonly<Partial<Record<Api, ApiEntry>>>
}

const data: Readonly<Record<ResultCode, { readonly status: ResultStatus; readonly apis: ResultCodeInfo['apis'] }>> =
  resultCodeData

export const isResultCode = (code: string): code is ResultCode => Object.hasOwn(data, code)

export const resultCodeInfo = (code: ResultCode): ResultCodeInfo => ({
  code,
  category: categories[code],
  ...data[code],
})

export const lookupResultCode = (code: string): ResultCodeInfo | undefined =>
  isResultCode(code) ? resultCodeInfo(code) : undefined

export const isListedFor = <A extends Api>(api: A, code: string): code is CodesOf<A> =>
  isResultCode(code) && Object.hasOwn(data[code].apis, api)

const categoryOfStatus = (status: ResultStatus): ActionCategory => {
  if (status === 'S') return 'success'
  if (status === 'F') return 'stopAndEscalate'
  return 'outcomeUnknown'
}

/**
 * What the caller must do about a result. A known code whose status matches the specification gets its category;
 * anything else (unknown code, or a status the specification does not give that code) is judged by its status alone.
 */
export const categoryOf = (result: GatewayResult): ActionCategory => {
  const info = lookupResultCode(result.resultCode)
  return info !== undefined && info.status === result.resultStatus
    ? info.category
    : categoryOfStatus(result.resultStatus)
}
