import type { CallFault } from './faults.js'
import { result } from './results.js'
import type { ResponseBody } from './types.js'

export type UnsignedFault = Extract<CallFault, { readonly kind: 'unsigned' }>

/** The HTTP status of an unsigned answer when the fault names none. */
export const UNSIGNED_DEFAULT_STATUS = 500

/**
 * The bare `{ result }` an unsigned fault answers with: F PROCESS_FAIL, or U UNKNOWN_EXCEPTION, unless the fault
 * names its own status or code. The message is the code's message in the spec, when it has one.
 */
export const unsignedBody = (fault: UnsignedFault): ResponseBody => {
  const resultStatus = fault.resultStatus ?? 'F'
  const resultCode = fault.resultCode ?? (resultStatus === 'F' ? 'PROCESS_FAIL' : 'UNKNOWN_EXCEPTION')
  return { result: { resultStatus, resultCode, resultMessage: result(resultCode).resultMessage } }
}
