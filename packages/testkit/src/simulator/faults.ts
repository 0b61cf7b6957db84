import type { SimEndpoint } from './types.js'

/** What a `tamper` fault alters in an answer or a notification. */
export type TamperField = 'amount' | 'currency' | 'paymentId'

export const TAMPER_FIELDS: ReadonlyArray<TamperField> = ['amount', 'currency', 'paymentId']

/**
 * A fault on the next call. `unknown` and `traffic` answer U (UNKNOWN_EXCEPTION, REQUEST_TRAFFIC_EXCEED_LIMIT)
 * without acting. `timeoutBefore` (never acted, hang), `timeoutAfter` (acted, then hang) and `dropConnection`
 * (close the socket; `when: 'after'` acts first, default before) give no answer, for the HTTP layer to enact.
 * `unsigned` answers an unsigned `{ result }` with `httpStatus` (default 500), `resultStatus` (default F) and
 * `resultCode` (default PROCESS_FAIL for F, UNKNOWN_EXCEPTION for U), before or after the gateway acts. `tamper`
 * acts and signs an answer whose `field` lies (see tamper.ts). `landsLate`: the client gives up before the gateway sees
 * the request (no answer, as `timeoutBefore`), and the request reaches the gateway `afterMs` later (default: as soon as
 * time passes), when `deliverLateCalls` runs: the gateway acts on it then, and its answer goes nowhere (a slow network,
 * another process's send).
 */
export type CallFault =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'traffic' }
  | { readonly kind: 'timeoutBefore'; readonly holdMs?: number }
  | { readonly kind: 'timeoutAfter'; readonly holdMs?: number }
  | { readonly kind: 'dropConnection'; readonly when?: 'before' | 'after' }
  | {
      readonly kind: 'unsigned'
      readonly when: 'before' | 'after'
      readonly httpStatus?: number
      readonly resultStatus?: 'F' | 'U'
      readonly resultCode?: string
    }
  | { readonly kind: 'tamper'; readonly field: TamperField }
  | { readonly kind: 'landsLate'; readonly afterMs?: number }

/** A fault and which calls it hits: the next `count` calls (default 1), to `endpoint` if given, else to any. */
export type CallFaultRequest = CallFault & { readonly endpoint?: SimEndpoint; readonly count?: number }

export interface CallFaultEntry {
  readonly fault: CallFault
  readonly endpoint: string | undefined
  remaining: number
}

/**
 * Faults on the next `count` notifications queued: `duplicate` delivers each twice at its first attempt; `delay`
 * postpones its first attempt by `ms`; `drop` loses it (never delivered, as if the gateway never sent it);
 * `reorder` holds `count` notifications (at least 2) back until the last of them is queued, then releases them
 * together, later ones first (`releaseHeldNotifications` releases a group that is not complete); `tamper` queues a
 * lying twin of each, due at the same time and delivered just before it, whose `field` is altered (see tamper.ts).
 * The twin gets none of the other faults; the true notification gets them as usual.
 */
export type NotificationFault =
  | { readonly kind: 'duplicate'; readonly count?: number }
  | { readonly kind: 'delay'; readonly ms: number; readonly count?: number }
  | { readonly kind: 'drop'; readonly count?: number }
  | { readonly kind: 'reorder'; readonly count?: number }
  | { readonly kind: 'tamper'; readonly field: TamperField; readonly count?: number }

export interface NotificationFaultEntry {
  readonly fault: NotificationFault
  remaining: number
  readonly held: Array<string>
}

const NO_BODY_STATUSES: ReadonlyArray<number> = [204, 205, 304]

/** Throws a RangeError naming the field of a fault that cannot be enacted. */
const checkCallFault = (fault: CallFault): void => {
  if (fault.kind === 'tamper' && !TAMPER_FIELDS.includes(fault.field))
    throw new RangeError(`tamper.field must be one of ${TAMPER_FIELDS.join(', ')}`)
  if (fault.kind !== 'unsigned') return
  if (fault.when !== 'before' && fault.when !== 'after')
    throw new RangeError("unsigned.when must be 'before' or 'after'")
  const { httpStatus, resultStatus, resultCode } = fault
  if (httpStatus !== undefined && !(Number.isInteger(httpStatus) && httpStatus >= 200 && httpStatus <= 599))
    throw new RangeError('unsigned.httpStatus must be an integer from 200 to 599')
  if (httpStatus !== undefined && NO_BODY_STATUSES.includes(httpStatus))
    throw new RangeError('unsigned.httpStatus must be a status that carries a body (not 204, 205 or 304)')
  if (resultStatus !== undefined && resultStatus !== 'F' && resultStatus !== 'U')
    throw new RangeError("unsigned.resultStatus must be 'F' or 'U'")
  if (resultCode !== undefined && (typeof resultCode !== 'string' || resultCode === ''))
    throw new RangeError('unsigned.resultCode must be a non-empty string')
}

export const queueCallFault = (queue: Array<CallFaultEntry>, request: CallFaultRequest): void => {
  const { endpoint, count, ...fault } = request
  const remaining = count ?? 1
  if (!Number.isInteger(remaining) || remaining < 1) throw new RangeError('count must be a positive integer')
  checkCallFault(fault as CallFault)
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
export const actsUnder = (fault: CallFault): boolean => {
  switch (fault.kind) {
    case 'timeoutAfter':
    case 'tamper':
      return true
    case 'dropConnection':
    case 'unsigned':
      return fault.when === 'after'
    default:
      return false
  }
}
