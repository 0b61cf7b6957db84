import type { SimEndpoint } from './types.js'

/**
 * A fault on the next call. `unknown` and `traffic` answer U (UNKNOWN_EXCEPTION, REQUEST_TRAFFIC_EXCEED_LIMIT)
 * without acting. The others give no answer, for the HTTP layer to enact: `timeoutBefore` (never acted, hang),
 * `timeoutAfter` (acted, then hang), `dropConnection` (close the socket; `when: 'after'` acts first, default before).
 */
export type CallFault =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'traffic' }
  | { readonly kind: 'timeoutBefore'; readonly holdMs?: number }
  | { readonly kind: 'timeoutAfter'; readonly holdMs?: number }
  | { readonly kind: 'dropConnection'; readonly when?: 'before' | 'after' }

/** A fault and which calls it hits: the next `count` calls (default 1), to `endpoint` if given, else to any. */
export type CallFaultRequest = CallFault & { readonly endpoint?: SimEndpoint; readonly count?: number }

export interface CallFaultEntry {
  readonly fault: CallFault
  readonly endpoint: string | undefined
  remaining: number
}

export const queueCallFault = (queue: Array<CallFaultEntry>, request: CallFaultRequest): void => {
  const { endpoint, count, ...fault } = request
  const remaining = count ?? 1
  if (!Number.isInteger(remaining) || remaining < 1) throw new RangeError('count must be a positive integer')
  queue.push({ fault: fault as CallFault, endpoint, remaining })
}

/** Takes the first queued fault that applies to a call to `endpoint`, if any. */
export const takeCallFault = (queue: Array<CallFaultEntry>, endpoint: string): CallFault | undefined => {
  const index = queue.findIndex((entry) => entry.endpoint === undefined || entry.endpoint === endpoint)
  const entry = queue[index]
  if (entry === undefined) return undefined
  entry.remaining -= 1
  if (entry.remaining === 0) queue.splice(index, 1)
  return entry.fault
}

/** Whether the gateway acts on a call hit by this fault. */
export const actsUnder = (fault: CallFault): boolean =>
  fault.kind === 'timeoutAfter' || (fault.kind === 'dropConnection' && fault.when === 'after')
