import { type HttpResponse, OutcomeUnknown, RequestNotSent } from '@paychart/antom'
import type { Failure } from './classify.js'

/** What an attempt that will not be retried again left behind. */
export type Settled =
  | { readonly _tag: 'Answered'; readonly response: HttpResponse }
  | { readonly _tag: 'Failed'; readonly failure: Failure }

/**
 * The verdict once attempts run out, from every attempt's outcome (oldest first, at least one):
 * - the last attempt got an answer (a retryable U): that answer, for the caller to read the U;
 * - the last attempt may have been sent (timeout, connection lost): `OutcomeUnknown` with its reason;
 * - the last attempt was not sent: the most recent attempt that reached (or may have reached) the gateway decides —
 *   its U answer is returned, a maybe-sent failure gives `OutcomeUnknown` 'retriesExhausted'; if none did,
 *   `RequestNotSent`. A request that may have arrived once is never reported as not sent.
 */
export const verdict = (
  url: string,
  settled: ReadonlyArray<Settled>,
): HttpResponse | RequestNotSent | OutcomeUnknown => {
  const last = settled[settled.length - 1]
  if (last === undefined) return new OutcomeUnknown({ url, reason: 'retriesExhausted', detail: 'no attempt was made' })
  if (last._tag === 'Answered') return last.response
  const tries = `after ${settled.length} attempt${settled.length === 1 ? '' : 's'}`
  if (last.failure.kind !== 'notSent') {
    return new OutcomeUnknown({ url, reason: last.failure.kind, detail: `${last.failure.detail} (${tries})` })
  }
  const reached = settled.findLast((item) => item._tag === 'Answered' || item.failure.kind !== 'notSent')
  if (reached === undefined) return new RequestNotSent({ url, reason: `${last.failure.detail} (${tries})` })
  if (reached._tag === 'Answered') return reached.response
  const detail = `attempt ${settled.indexOf(reached) + 1} ended in ${reached.failure.kind} (${reached.failure.detail}); the last was not sent (${last.failure.detail}) (${tries})`
  return new OutcomeUnknown({ url, reason: 'retriesExhausted', detail })
}
