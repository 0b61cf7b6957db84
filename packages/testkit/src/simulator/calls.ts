import type { CallIds, CallRecord, Ctx } from './state.js'
import { nextSequence } from './state.js'
import type { Tampered } from './tamper.js'
import { isJsonObject, type ResponseBody } from './types.js'

const ID_FIELDS = [
  'paymentRequestId',
  'paymentId',
  'paymentSessionId',
  'captureRequestId',
  'refundRequestId',
  'refundId',
  'verifyRequestId',
] as const

/** Only the request ids of a call, never its other fields. */
export const callIds = (body: unknown): CallIds => {
  if (!isJsonObject(body)) return {}
  const ids: Record<string, string> = {}
  for (const field of ID_FIELDS) {
    const value = body[field]
    if (typeof value === 'string') ids[field] = value
  }
  return ids
}

const resolvePayment = (ctx: Ctx, ids: CallIds, answer: ResponseBody | undefined): string | undefined => {
  if (ids.paymentRequestId !== undefined) return ids.paymentRequestId
  if (ids.paymentId !== undefined) {
    const known = ctx.state.paymentRequestIdById.get(ids.paymentId)
    if (known !== undefined) return known
  }
  const refundId = ids.refundId ?? (ids.refundRequestId && ctx.state.refundIdByRequestId.get(ids.refundRequestId))
  const refund = refundId ? ctx.state.refunds.get(refundId) : undefined
  if (refund !== undefined) return refund.paymentRequestId
  const answered = answer?.paymentRequestId
  return typeof answered === 'string' ? answered : undefined
}

export interface CallFacts {
  readonly endpoint: string
  readonly body: unknown
  /** What reached the client: the gateway's answer, an unsigned error, or nothing. */
  readonly answer: ResponseBody | undefined
  readonly fault: string | undefined
  readonly acted: boolean
  readonly replayed: boolean
  readonly tampered?: Tampered | undefined
}

export const recordCall = (ctx: Ctx, facts: CallFacts): CallRecord => {
  const ids = callIds(facts.body)
  const record: CallRecord = {
    seq: nextSequence(ctx.state),
    at: ctx.now,
    endpoint: facts.endpoint,
    ids,
    paymentRequestId: resolvePayment(ctx, ids, facts.answer),
    result:
      facts.answer === undefined
        ? undefined
        : { resultStatus: facts.answer.result.resultStatus, resultCode: facts.answer.result.resultCode },
    fault: facts.fault,
    acted: facts.acted,
    replayed: facts.replayed,
    ...(facts.tampered === undefined ? {} : { tampered: facts.tampered }),
  }
  ctx.state.calls.push(record)
  return record
}
