import type { Effect } from 'effect'
import * as Context from 'effect/Context'
import * as Data from 'effect/Data'

/** A signed request, ready for the wire. Header names are lower case. */
export interface HttpRequest {
  readonly method: 'POST'
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** The gateway's answer as received: status, lower-cased headers, the raw body (signatures cover it byte for byte). */
export interface HttpResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** Nothing reached the gateway (connection refused, DNS failure): safe to send again with the same request ids. */
export class RequestNotSent extends Data.TaggedError('RequestNotSent')<{
  readonly url: string
  readonly reason: string
}> {
  override get message() {
    return `request to ${this.url} was not sent: ${this.reason}`
  }
}

/**
 * The request may have reached the gateway and no answer came (timeout after sending, connection reset): the
 * outcome is unknown and must be reconciled, never taken as a failure.
 */
export class OutcomeUnknown extends Data.TaggedError('OutcomeUnknown')<{
  readonly url: string
  readonly reason: 'timeout' | 'connectionLost' | 'retriesExhausted'
  readonly detail: string
}> {
  override get message() {
    return `outcome of the request to ${this.url} is unknown (${this.reason}): ${this.detail}`
  }
}

/** The answer was larger than the configured cap; it was not read. */
export class ResponseTooLarge extends Data.TaggedError('ResponseTooLarge')<{
  readonly url: string
  readonly limitBytes: number
}> {
  override get message() {
    return `response from ${this.url} exceeded ${this.limitBytes} bytes`
  }
}

export type TransportError = RequestNotSent | OutcomeUnknown | ResponseTooLarge

/** How signed requests reach the gateway. Implementations: `@paychart/fetch`, the simulator's in-process handler. */
export class Transport extends Context.Service<
  Transport,
  { readonly send: (request: HttpRequest) => Effect.Effect<HttpResponse, TransportError> }
>()('@paychart/antom/Transport') {}
