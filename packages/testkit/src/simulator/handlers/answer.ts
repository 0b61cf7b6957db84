import { type Fingerprint, type IdempotencyScope, recall, remember } from '../idempotency.js'
import { bare } from '../results.js'
import type { Ctx, HandlerAnswer } from '../state.js'
import type { JsonObject, ResponseBody } from '../types.js'

/** An endpoint's logic: the parsed request body in, the answer out; throws `Rejected` for an invalid request. */
export type Handler = (ctx: Ctx, body: JsonObject) => HandlerAnswer

/**
 * Runs `act` once per request id: a repeat with the same fingerprint gets the first answer back (or what `replay`
 * makes of it), a repeat that differs gets REPEAT_REQ_INCONSISTENT, and neither acts again.
 */
export const idempotent = (
  ctx: Ctx,
  scope: IdempotencyScope,
  requestId: string,
  fingerprint: Fingerprint,
  act: () => ResponseBody,
  replay: (stored: ResponseBody) => ResponseBody = (stored) => stored,
): HandlerAnswer => {
  const prior = recall(ctx.state.idempotency, scope, requestId, fingerprint)
  if (prior.kind === 'inconsistent') return { body: bare('REPEAT_REQ_INCONSISTENT') }
  if (prior.kind === 'replay') return { body: replay(prior.entry.body), replayed: true }
  const body = act()
  remember(ctx.state.idempotency, scope, requestId, { fingerprint, body, at: ctx.now })
  return { body }
}
