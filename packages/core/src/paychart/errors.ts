import * as Data from 'effect/Data'

/** A call made after `close()` began: nothing was done. */
export class PaychartClosed extends Data.TaggedError('PaychartClosed')<Record<never, never>> {
  override get message() {
    return 'paychart is closed: the call was not made'
  }
}
