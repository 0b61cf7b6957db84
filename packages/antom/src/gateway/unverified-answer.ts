import * as Data from 'effect/Data'

/**
 * An answer came, but not one to conclude anything from: not HTTP 200, or not signed by the gateway. Anything could
 * have produced it (a proxy, a load balancer, a gateway error page), so whether the gateway acted is unknown.
 */
export class UnverifiedAnswer extends Data.TaggedError('UnverifiedAnswer')<{
  readonly path: string
  readonly httpStatus: number
  readonly reason: 'httpStatus' | 'unsigned'
}> {
  override get message() {
    return this.reason === 'unsigned'
      ? `the answer from ${this.path} was not signed (HTTP ${this.httpStatus}): its outcome is unknown`
      : `the answer from ${this.path} was HTTP ${this.httpStatus}, not 200: its outcome is unknown`
  }
}
