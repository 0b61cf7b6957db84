import type { ResultStatus } from '@paychart/core/result-codes'
import { lookupResultCode } from '@paychart/core/result-codes'
import type { ResponseBody, ResultObject } from './types.js'

/** Codes the simulator answers that the given specification does not list (see README of the simulator folder). */
const EXTRA_CODES: Readonly<Record<string, { readonly status: ResultStatus; readonly message: string }>> = {
  REFUND_AMOUNT_EXCEED: { status: 'F', message: 'The total refund amount exceeds the refundable amount.' },
}

const SUCCESS: ResultObject = { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success.' }

/** The `result` object for a code, with the status and message the specification gives it. */
export const result = (code: string, message?: string): ResultObject => {
  if (code === 'SUCCESS') return message === undefined ? SUCCESS : { ...SUCCESS, resultMessage: message }
  const extra = EXTRA_CODES[code]
  const info = lookupResultCode(code)
  const status = info?.status ?? extra?.status ?? 'F'
  const specMessage = info?.apis.pay?.message ?? info?.apis.verifyAndCompletePayment?.message ?? extra?.message
  return { resultCode: code, resultStatus: status, resultMessage: message ?? specMessage ?? code }
}

/** A body carrying only a result: what the gateway answers to a rejected call. */
export const bare = (code: string, message?: string): ResponseBody => ({ result: result(code, message) })

export const paramIllegal = (message: string): ResponseBody => bare('PARAM_ILLEGAL', message)
