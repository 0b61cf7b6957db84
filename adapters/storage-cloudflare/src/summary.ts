import type { PaymentState } from '@paychart/core'
import type { TimerName } from '@paychart/core/machine'

/**
 * What a payment object tells its index after a write: what crosses payments (lookups, state, pending work, the
 * notification keys it committed), ids and times only. `revision` grows with every such write, so the index keeps
 * the newest summary whatever order they arrive in.
 */
export interface PaymentSummary {
  readonly paymentRequestId: string
  readonly revision: number
  readonly state: PaymentState
  readonly merchantReference?: string
  readonly paymentId?: string
  readonly paymentSessionId?: string
  readonly updatedAt: number
  /** When the payment entered its current state. */
  readonly stateSince: number
  /** The creation time of its oldest done outbox item (what prune can remove). */
  readonly oldestDoneAt?: number
  readonly pendingCommands: ReadonlyArray<{ readonly commandId: string; readonly createdAt: number }>
  readonly timers: ReadonlyArray<{ readonly timer: TimerName; readonly dueAt: number }>
  readonly notificationKeys: ReadonlyArray<{ readonly key: string; readonly at: number }>
}
