import * as Data from 'effect/Data'
import * as Result from 'effect/Result'
import { paymentMachine } from '../machine/payment-machine.js'
import { NOTIFICATION_RETRY_WINDOW_MS } from '../machine/policy.js'
import { PAYMENT_STATES, type PaymentState } from '../machine/state.js'
import type { PruneOptions } from '../store/retention.js'

const HOUR = 60 * 60_000
const DAY = 24 * HOUR

// A notification key kept less than the gateway's retry window could let a late redelivery through as a first one.
export { NOTIFICATION_RETRY_WINDOW_MS }

/** The states nothing moves any more (tagged `terminal` on the chart): their event logs may be pruned. */
export const FINAL_STATES: ReadonlyArray<PaymentState> = PAYMENT_STATES.filter((state) =>
  paymentMachine.states[state]?.tags.includes('terminal'),
)

/** How long `prune` keeps each kind of data, from now. */
export interface RetentionOptions {
  /** Done outbox items, by when they were created. Default 7 days. */
  readonly keepDoneCommandsMs?: number
  /** Notification keys and unmatched notifications. Default 7 days; at least the gateway's retry window. */
  readonly keepNotificationsMs?: number
  /** Only when given: the event logs of final payments (refunded, cancelled, failed, expired) untouched this long. */
  readonly keepEventLogsOfFinalPaymentsMs?: number
}

/** A retention that would remove what is still needed, naming the option. Nothing was removed. */
export class RetentionInvalid extends Data.TaggedError('RetentionInvalid')<{
  readonly field: keyof RetentionOptions
  readonly reason: string
}> {
  override get message() {
    return `retention not applied: ${this.field} ${this.reason}`
  }
}

const checked = (field: keyof RetentionOptions, value: number, least: number, unit: string) =>
  Number.isSafeInteger(value) && value >= least
    ? Result.succeed(value)
    : Result.fail(new RetentionInvalid({ field, reason: `must be a whole number of milliseconds, at least ${unit}` }))

/** The store's cuts for `retention` at `now`, or why they would remove what is still needed. */
export const pruneOptionsAt = (
  now: number,
  retention: RetentionOptions = {},
): Result.Result<PruneOptions, RetentionInvalid> =>
  Result.gen(function* () {
    const commands = yield* checked('keepDoneCommandsMs', retention.keepDoneCommandsMs ?? 7 * DAY, 0, '0')
    const window = NOTIFICATION_RETRY_WINDOW_MS
    const keys = yield* checked('keepNotificationsMs', retention.keepNotificationsMs ?? 7 * DAY, window, '24.4 hours')
    const logs = retention.keepEventLogsOfFinalPaymentsMs
    const logsMs = logs === undefined ? undefined : yield* checked('keepEventLogsOfFinalPaymentsMs', logs, 0, '0')
    return {
      doneCommandsBefore: now - commands,
      notificationsBefore: now - keys,
      ...(logsMs === undefined ? {} : { eventLogs: { before: now - logsMs, states: FINAL_STATES } }),
    }
  })
