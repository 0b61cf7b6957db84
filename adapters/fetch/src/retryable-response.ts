/** Gateway answers that mean "not processed, try the same request again" (result status U). */
export const retryableResultCodes: ReadonlySet<string> = new Set(['REQUEST_TRAFFIC_EXCEED_LIMIT', 'UNKNOWN_EXCEPTION'])

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

/**
 * The result code when the body is a JSON answer whose `result` is a retryable code with status U; otherwise
 * undefined (any other answer, or a body that is not JSON, is for the caller to interpret).
 */
export const retryableResultCode = (body: string): string | undefined => {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return undefined
  }
  const result = isObject(parsed) ? parsed.result : undefined
  if (!isObject(result) || result.resultStatus !== 'U' || typeof result.resultCode !== 'string') return undefined
  return retryableResultCodes.has(result.resultCode) ? result.resultCode : undefined
}
