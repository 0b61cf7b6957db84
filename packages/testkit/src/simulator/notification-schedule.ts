import { HOUR, MINUTE } from './clock.js'

/** The spec's delivery schedule: the delay before attempt 1, 2, ... 8, each counted from the attempt before. */
export const RETRY_SCHEDULE_MS: ReadonlyArray<number> = [
  0,
  2 * MINUTE,
  10 * MINUTE,
  10 * MINUTE,
  HOUR,
  2 * HOUR,
  6 * HOUR,
  15 * HOUR,
]

/** The only answer that stops redelivery (the spec's fixed format). */
export const NOTIFICATION_ACK = {
  result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' },
} as const

const parsed = (response: unknown): unknown => {
  if (typeof response !== 'string') return response
  try {
    return JSON.parse(response)
  } catch {
    return undefined
  }
}

/**
 * Whether a merchant's answer (a raw JSON string or the parsed value) is the fixed acknowledgement: its `result`
 * has exactly resultCode SUCCESS, resultStatus S and resultMessage "success". Other top-level fields are ignored;
 * "success." (with a dot, as in the gateway's Java sample) is not the fixed format and does not count.
 */
export const isAcknowledgement = (response: unknown): boolean => {
  const body = parsed(response)
  if (typeof body !== 'object' || body === null || !('result' in body)) return false
  const result: unknown = body.result
  if (typeof result !== 'object' || result === null) return false
  const { resultCode, resultStatus, resultMessage } = result as Record<string, unknown>
  const expected = NOTIFICATION_ACK.result
  return (
    resultCode === expected.resultCode &&
    resultStatus === expected.resultStatus &&
    resultMessage === expected.resultMessage
  )
}
