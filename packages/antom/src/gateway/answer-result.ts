import type { Endpoint } from '../schemas/index.js'

/**
 * `pay` and `verifyAndCompletePayment` answer U/PAYMENT_IN_PROCESS when the customer must act (a redirect, a 3DS
 * challenge, an OTP): that is an answer to read, not an error.
 */
const IN_PROCESS_IS_AN_ANSWER: ReadonlySet<Endpoint> = new Set(['pay', 'verifyAndCompletePayment'])

/** Whether a result is the endpoint's answer (S, or a customer step) rather than a result code to fail with. */
export const isAnswerResult = (endpoint: Endpoint, result: { resultStatus: string; resultCode: string }): boolean =>
  result.resultStatus === 'S' ||
  (IN_PROCESS_IS_AN_ANSWER.has(endpoint) && result.resultStatus === 'U' && result.resultCode === 'PAYMENT_IN_PROCESS')
