import * as Data from 'effect/Data'

/**
 * Another writer committed first (a newer version, or the notification the commit carries): reload, transition again,
 * retry.
 */
export class VersionConflict extends Data.TaggedError('VersionConflict')<{
  readonly paymentRequestId: string
  readonly expectedVersion: number
  readonly actualVersion: number
}> {
  override get message() {
    if (this.actualVersion === this.expectedVersion) {
      return `payment ${this.paymentRequestId} already committed the notification this commit carries`
    }
    return `payment ${this.paymentRequestId} is at version ${this.actualVersion}, not ${this.expectedVersion}`
  }
}

export class PaymentExists extends Data.TaggedError('PaymentExists')<{ readonly paymentRequestId: string }> {
  override get message() {
    return `payment ${this.paymentRequestId} already exists`
  }
}

export class PaymentNotFound extends Data.TaggedError('PaymentNotFound')<{ readonly paymentRequestId: string }> {
  override get message() {
    return `payment ${this.paymentRequestId} does not exist`
  }
}

/**
 * The store could not do what was asked (connection refused, disk full, ...), or cannot tell whether it did (a
 * connection lost after the database committed): what was asked may have been written. Ask again the same way.
 */
export class StoreUnavailable extends Data.TaggedError('StoreUnavailable')<{
  readonly operation: string
  readonly reason: string
}> {
  override get message() {
    return `store unavailable during ${this.operation}: ${this.reason}`
  }
}
