import type { Tampered } from './tamper.js'
import type { ResultObject } from './types.js'

// What the gateway's outbox holds and hands out: the records, with no behaviour, so that the state (state.ts), the
// outbox (notifications.ts) and the notification faults (notification-faults.ts) can all name them without
// importing one another.

export type NotifyType = 'PAYMENT_RESULT' | 'PAYMENT_PENDING' | 'CAPTURE_RESULT' | 'REFUND_RESULT'

/** The gateway's notification APIs: where on the merchant's side the wrapper posts a notification. */
export type NotifyEndpoint = 'notifyPayment' | 'notifyCapture' | 'notifyRefund'

export const notifyEndpointOf = (type: NotifyType): NotifyEndpoint => {
  if (type === 'CAPTURE_RESULT') return 'notifyCapture'
  if (type === 'REFUND_RESULT') return 'notifyRefund'
  return 'notifyPayment'
}

export interface NotificationBody {
  readonly notifyType: NotifyType
  readonly result: ResultObject
  readonly [field: string]: unknown
}

/**
 * `pending`: will be delivered at `nextAttemptAt`; `held`: kept back by a reorder fault; `acknowledged`: stopped by
 * the fixed acknowledgement; `givenUp`: every attempt of the schedule made, none acknowledged; `dropped`: lost by a
 * drop fault, never delivered.
 */
export type NotificationStatus = 'pending' | 'held' | 'acknowledged' | 'givenUp' | 'dropped'

export interface DeliveryAttempt {
  readonly attempt: number
  readonly at: number
  acknowledged: boolean | undefined
}

export interface NotificationRecord {
  readonly notificationId: string
  readonly seq: number
  readonly notifyType: NotifyType
  readonly endpoint: NotifyEndpoint
  readonly paymentRequestId: string
  readonly paymentId: string
  readonly url: string | undefined
  readonly body: NotificationBody
  readonly createdAt: number
  status: NotificationStatus
  nextAttemptAt: number | undefined
  /** Sort key among notifications due at the same time (a reorder fault inverts it). */
  order: number
  /** Copies handed out at the next attempt (a duplicate fault makes it 2). */
  copies: number
  readonly attempts: Array<DeliveryAttempt>
  /** A lying twin queued by a tamper fault: what its body alters. */
  readonly tampered?: Tampered
}

/** One delivery to make: post `body` to `url` (the merchant's `endpoint`), then call `acknowledge`. */
export interface Delivery {
  readonly notificationId: string
  readonly attempt: number
  readonly notifyType: NotifyType
  readonly endpoint: NotifyEndpoint
  readonly url: string | undefined
  readonly paymentRequestId: string
  readonly body: NotificationBody
  /** Present on a lying twin queued by a tamper fault. */
  readonly tampered?: Tampered
}
