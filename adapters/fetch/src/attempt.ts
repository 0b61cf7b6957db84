import type { HttpRequest, HttpResponse } from '@paychart/antom'
import { classifyFailure, type Failure } from './classify.js'
import { headersToRecord } from './headers.js'
import type { FetchFunction } from './options.js'
import { readBodyCapped } from './read-body.js'

export type AttemptOutcome =
  | { readonly _tag: 'Answered'; readonly response: HttpResponse }
  | { readonly _tag: 'TooLarge' }
  | { readonly _tag: 'Failed'; readonly failure: Failure }
  | { readonly _tag: 'Unsendable'; readonly detail: string }

export interface AttemptSettings {
  readonly fetch: FetchFunction
  readonly timeoutMs: number
  readonly maxResponseBytes: number
}

/**
 * Why fetch would refuse the request before any I/O (a bad URL, a header value that is not a byte string), or
 * undefined. Building a `Request` opens no connection, so such a request was certainly not sent. Only the error's
 * name and message are kept (they name the fault, not the value). Built without the body and the signal, which
 * cannot make it throw (the body is a string, the signal ours) and would cost a stream and a listener each.
 */
const unsendable = ({ url, method, headers }: HttpRequest): string | undefined => {
  try {
    new Request(url, { method, headers })
    return undefined
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : 'invalid request'
  }
}

/**
 * One exchange: send the request, read the whole body under the size cap, all within `timeoutMs`. Never rejects:
 * a failure comes back classified. `interrupt` aborts the exchange (the caller's fiber was interrupted).
 */
export const attemptOnce = async (
  request: HttpRequest,
  settings: AttemptSettings,
  interrupt: AbortSignal,
): Promise<AttemptOutcome> => {
  const controller = new AbortController()
  const init: RequestInit = {
    method: request.method,
    headers: { ...request.headers },
    body: request.body,
    signal: controller.signal,
    redirect: 'manual',
  }
  const invalid = unsendable(request)
  if (invalid !== undefined) return { _tag: 'Unsendable', detail: invalid }
  let timedOut = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true
      const reason = new DOMException(`no complete answer within ${settings.timeoutMs} ms`, 'TimeoutError')
      controller.abort(reason)
      reject(reason)
    }, settings.timeoutMs)
  })
  const onInterrupt = () => controller.abort(interrupt.reason)
  interrupt.addEventListener('abort', onInterrupt, { once: true })
  const exchange = async (): Promise<AttemptOutcome> => {
    const response = await settings.fetch(request.url, init)
    const body = await readBodyCapped(response, settings.maxResponseBytes)
    if (body._tag === 'TooLarge') return body
    const answer = { status: response.status, headers: headersToRecord(response.headers), body: body.text }
    return { _tag: 'Answered', response: answer }
  }
  try {
    return await Promise.race([exchange(), deadline])
  } catch (error) {
    return { _tag: 'Failed', failure: classifyFailure(error, timedOut) }
  } finally {
    clearTimeout(timer)
    interrupt.removeEventListener('abort', onInterrupt)
  }
}
