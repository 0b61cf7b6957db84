import type { PaymentState } from '../machine/state.js'

/**
 * What `PaymentStore.prune` removes, each by its own cut (epoch ms). Nothing a payment still needs: never a payment,
 * its snapshot, a timer or an outbox item not done.
 */
export interface PruneOptions {
  /** Done outbox items created before this. */
  readonly doneCommandsBefore: number
  /**
   * Notification keys committed, and unmatched notifications received, before this. A key pruned no longer answers a
   * redelivery as a duplicate (the machine still takes it as one it has seen): keep them past the gateway's retries.
   */
  readonly notificationsBefore: number
  /** Only when given: the event logs of payments in one of `states`, last updated before `before`. */
  readonly eventLogs?: { readonly before: number; readonly states: ReadonlyArray<PaymentState> }
}

/** How many of each `prune` removed: outbox items, notification keys, unmatched notifications, event log lines. */
export interface PruneReport {
  readonly commands: number
  readonly notifications: number
  readonly unmatched: number
  readonly events: number
}
