/**
 * What a failed fetch means for the request:
 * - `notSent`: no connection was made (refused, DNS), nothing reached the gateway;
 * - `timeout`: no full answer in time, the request may have reached the gateway;
 * - `connectionLost`: the connection broke (reset, socket closed) or the failure is not recognised; the request
 *   may have reached the gateway.
 */
export type FailureKind = 'notSent' | 'timeout' | 'connectionLost'

export interface Failure {
  readonly kind: FailureKind
  /** Error names, messages and codes; never a body. */
  readonly detail: string
  /** The error codes found on the error and its causes. */
  readonly codes: ReadonlyArray<string>
}

/** Codes from the connect phase: the socket never opened, so no request byte left. */
export const notSentCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
])

/** Codes of an answer that did not come in time (the socket was open, the request may be at the gateway). */
export const timeoutCodes: ReadonlySet<string> = new Set([
  'ETIMEDOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
])

/** Error names of an aborted fetch: our per-attempt timeout. */
const timeoutNames: ReadonlySet<string> = new Set(['TimeoutError', 'AbortError'])

interface Link {
  readonly name: string
  readonly message: string
  readonly code: string | undefined
}

const linksOf = (error: unknown): ReadonlyArray<Link> => {
  const links: Link[] = []
  const seen = new Set<unknown>()
  const visit = (value: unknown, depth: number): void => {
    if (typeof value !== 'object' || value === null || seen.has(value) || depth > 8) return
    seen.add(value)
    const record = value as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown; errors?: unknown }
    links.push({
      name: typeof record.name === 'string' ? record.name : 'Error',
      message: typeof record.message === 'string' ? record.message : '',
      code: typeof record.code === 'string' ? record.code : undefined,
    })
    visit(record.cause, depth + 1)
    if (Array.isArray(record.errors)) for (const inner of record.errors) visit(inner, depth + 1)
  }
  visit(error, 0)
  return links
}

const describe = (error: unknown, links: ReadonlyArray<Link>): string =>
  links.length === 0
    ? `non-error thrown: ${typeof error}`
    : links
        .map((link) => `${link.name}: ${link.message.slice(0, 200)}${link.code === undefined ? '' : ` [${link.code}]`}`)
        .join(' <- ')

/**
 * Classifies what fetch (or reading its body) threw. `timedOut` says our own per-attempt timer fired. Only a
 * failure whose every code is a connect-phase code counts as not sent; anything unrecognised may have been sent.
 */
export const classifyFailure = (error: unknown, timedOut: boolean): Failure => {
  const links = linksOf(error)
  const codes = links.flatMap((link) => (link.code === undefined ? [] : [link.code]))
  const detail = describe(error, links)
  const isTimeout =
    timedOut || links.some((link) => timeoutNames.has(link.name)) || codes.some((code) => timeoutCodes.has(code))
  if (isTimeout) return { kind: 'timeout', detail, codes }
  if (codes.length > 0 && codes.every((code) => notSentCodes.has(code))) return { kind: 'notSent', detail, codes }
  return { kind: 'connectionLost', detail, codes }
}
