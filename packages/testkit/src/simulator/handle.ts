import { recordCall } from './calls.js'
import { actsUnder, type CallFault, takeCallFault } from './faults.js'
import { HANDLERS } from './handlers/index.js'
import { endpointFromPath } from './paths.js'
import { Rejected } from './read.js'
import { bare, paramIllegal } from './results.js'
import type { Ctx } from './state.js'
import { type Tampered, tamperBody } from './tamper.js'
import { isJsonObject, type ResponseBody, type SimEndpoint } from './types.js'
import { UNSIGNED_DEFAULT_STATUS, type UnsignedFault, unsignedBody } from './unsigned.js'

/** An answer to send back, signed. */
export interface Answer {
  readonly body: ResponseBody
  readonly fault?: undefined
}

/**
 * No answer: the HTTP layer must not respond normally. `timeoutBefore` / `timeoutAfter`: hold the request (for
 * `holdMs` if given, else until the client gives up), then close it without a response; `dropConnection`: destroy
 * the socket at once. `acted` says whether the gateway acted on the call; if it did, `body` is the answer withheld.
 */
export interface Silence {
  readonly fault: 'timeoutBefore' | 'timeoutAfter' | 'dropConnection'
  readonly acted: boolean
  readonly body?: ResponseBody
  readonly holdMs?: number
}

/**
 * An unsigned error answer: send `body` with `httpStatus` and no `signature` / `response-time` headers. `acted`
 * says whether the gateway acted on the call before the answer was lost (a retry under the same request id gets
 * the true answer).
 */
export interface UnsignedAnswer {
  readonly fault: 'unsigned'
  readonly acted: boolean
  readonly httpStatus: number
  readonly body: ResponseBody
}

export type HandleResult = Answer | Silence | UnsignedAnswer

const silenceOf = (fault: CallFault, acted: boolean, body: ResponseBody | undefined): Silence => {
  const hold = 'holdMs' in fault && fault.holdMs !== undefined ? { holdMs: fault.holdMs } : {}
  const kind =
    fault.kind === 'timeoutBefore' || fault.kind === 'timeoutAfter'
      ? fault.kind
      : fault.kind === 'landsLate'
        ? 'timeoutBefore'
        : 'dropConnection'
  return { fault: kind, acted, ...(body === undefined ? {} : { body }), ...hold }
}

const unsignedOf = (fault: UnsignedFault, acted: boolean): UnsignedAnswer => ({
  fault: 'unsigned',
  acted,
  httpStatus: fault.httpStatus ?? UNSIGNED_DEFAULT_STATUS,
  body: unsignedBody(fault),
})

interface RunAnswer {
  readonly body: ResponseBody
  readonly replayed: boolean
  /** The request was refused before the gateway acted: invalid, or a request id repeated with another body. */
  readonly rejected: boolean
}

const run = (ctx: Ctx, endpoint: SimEndpoint, body: unknown): RunAnswer => {
  if (!isJsonObject(body)) {
    return { body: paramIllegal('the request body must be a JSON object'), replayed: false, rejected: true }
  }
  try {
    const answer = HANDLERS[endpoint](ctx, body)
    const rejected = answer.body.result.resultCode === 'REPEAT_REQ_INCONSISTENT'
    return { body: answer.body, replayed: answer.replayed === true, rejected }
  } catch (error) {
    if (error instanceof Rejected) return { body: error.body, replayed: false, rejected: true }
    throw error
  }
}

/** A call to the gateway, under the first queued fault that applies to it; recorded in `calls()`. */
export const handleCall = (ctx: Ctx, name: string, body: unknown): HandleResult => {
  const endpoint = endpointFromPath(name)
  if (endpoint === undefined) {
    const answer = bare('NO_INTERFACE_DEF')
    recordCall(ctx, { endpoint: name, body, answer, fault: undefined, acted: false, replayed: false })
    return { body: answer }
  }
  const fault = takeCallFault(ctx.state.callFaults, endpoint)
  const record = (answer: ResponseBody | undefined, acted: boolean, replayed = false, tampered?: Tampered) =>
    recordCall(ctx, { endpoint, body, answer, fault: fault?.kind, acted, replayed, tampered })
  if (fault?.kind === 'unknown' || fault?.kind === 'traffic') {
    const answer = bare(fault.kind === 'unknown' ? 'UNKNOWN_EXCEPTION' : 'REQUEST_TRAFFIC_EXCEED_LIMIT')
    record(answer, false)
    return { body: answer }
  }
  if (fault?.kind === 'landsLate') ctx.state.lateCalls.push({ endpoint, body, dueAt: ctx.now + (fault.afterMs ?? 0) })
  if (fault !== undefined && !actsUnder(fault)) {
    const unsigned = fault.kind === 'unsigned' ? unsignedOf(fault, false) : undefined
    record(unsigned?.body, false)
    return unsigned ?? silenceOf(fault, false, undefined)
  }
  const answer = run(ctx, endpoint, body)
  const acted = !answer.rejected
  if (fault === undefined) {
    record(answer.body, acted, answer.replayed)
    return { body: answer.body }
  }
  if (fault.kind === 'unsigned') {
    const unsigned = unsignedOf(fault, acted)
    record(unsigned.body, acted, answer.replayed)
    return unsigned
  }
  if (fault.kind === 'tamper') {
    const told = tamperBody(answer.body, fault.field, (id) => ctx.state.paymentRequestIdById.has(id))
    record(answer.body, acted, answer.replayed, told.tampered)
    return { body: told.body }
  }
  record(answer.body, acted, answer.replayed)
  return silenceOf(fault, acted, acted ? answer.body : undefined)
}

/**
 * The calls a `landsLate` fault held whose time has come reach the gateway now, in the order they were sent; their
 * answers go nowhere.
 */
export const deliverLateCalls = (ctx: Ctx): number => {
  const late = ctx.state.lateCalls
  const due = late.filter((call) => call.dueAt <= ctx.now)
  late.splice(0, late.length, ...late.filter((call) => call.dueAt > ctx.now))
  for (const { endpoint, body } of due) {
    const answer = run(ctx, endpoint, body)
    recordCall(ctx, {
      endpoint,
      body,
      answer: answer.body,
      fault: 'landsLate',
      acted: !answer.rejected,
      replayed: answer.replayed,
    })
  }
  return due.length
}
