import { applyNotificationFaults } from './notification-faults.js'
import { isAcknowledgement } from './notification-schedule.js'
import { type Ctx, nextSequence } from './state.js'
import type { Tampered } from './tamper.js'
import type { ResultObject } from './types.js'

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

export interface NotificationInput {
  readonly notifyType: NotifyType
  readonly paymentRequestId: string
  readonly paymentId: string
  readonly url: string | undefined
  readonly body: NotificationBody
}

/** Queues a notification for delivery now, then lets the queued notification faults reshape it. */
export const enqueueNotification = (ctx: Ctx, input: NotificationInput): NotificationRecord => {
  const seq = nextSequence(ctx.state)
  const record: NotificationRecord = {
    notificationId: ctx.config.ids('notification'),
    seq,
    notifyType: input.notifyType,
    endpoint: notifyEndpointOf(input.notifyType),
    paymentRequestId: input.paymentRequestId,
    paymentId: input.paymentId,
    url: input.url,
    body: input.body,
    createdAt: ctx.now,
    status: 'pending',
    nextAttemptAt: ctx.now + (ctx.config.retryScheduleMs[0] ?? 0),
    order: seq,
    copies: 1,
    attempts: [],
  }
  ctx.state.outbox.set(record.notificationId, record)
  applyNotificationFaults(ctx, record)
  return record
}

const isDue = (record: NotificationRecord, now: number): boolean =>
  record.status === 'pending' && record.nextAttemptAt !== undefined && record.nextAttemptAt <= now

/**
 * Hands out the deliveries due at `now` (earliest first) and records each as an attempt: the next attempt is
 * scheduled as if it will fail, so a delivery that is never acknowledged comes back per the schedule. After the
 * last attempt of the schedule the notification is given up unless that attempt is acknowledged.
 */
export const takeDueNotifications = (ctx: Ctx): Array<Delivery> => {
  const due = [...ctx.state.outbox.values()]
    .filter((record) => isDue(record, ctx.now))
    .sort((a, b) => (a.nextAttemptAt ?? 0) - (b.nextAttemptAt ?? 0) || a.order - b.order)
  const schedule = ctx.config.retryScheduleMs
  return due.flatMap((record) => {
    const attempt = record.attempts.length + 1
    record.attempts.push({ attempt, at: ctx.now, acknowledged: undefined })
    const delay = schedule[attempt]
    if (delay === undefined) {
      record.status = 'givenUp'
      record.nextAttemptAt = undefined
    } else {
      record.nextAttemptAt = ctx.now + delay
    }
    const delivery: Delivery = {
      notificationId: record.notificationId,
      attempt,
      notifyType: record.notifyType,
      endpoint: record.endpoint,
      url: record.url,
      paymentRequestId: record.paymentRequestId,
      body: record.body,
      ...(record.tampered === undefined ? {} : { tampered: record.tampered }),
    }
    const copies = record.copies
    record.copies = 1
    return Array.from({ length: copies }, () => delivery)
  })
}

export type AcknowledgeOutcome =
  | { readonly kind: 'acknowledged' }
  | { readonly kind: 'rejected'; readonly nextAttemptAt: number | undefined; readonly status: NotificationStatus }
  | { readonly kind: 'unknownNotification' }
  | { readonly kind: 'notDelivered' }

/**
 * Records the merchant's answer to the latest attempt (`undefined` when there was none: timeout, refused
 * connection). Only the fixed acknowledgement stops redelivery; anything else leaves the next attempt scheduled.
 */
export const acknowledgeNotification = (ctx: Ctx, notificationId: string, response: unknown): AcknowledgeOutcome => {
  const record = ctx.state.outbox.get(notificationId)
  if (record === undefined) return { kind: 'unknownNotification' }
  const latest = record.attempts.at(-1)
  if (latest === undefined) return { kind: 'notDelivered' }
  if (record.status === 'acknowledged') return { kind: 'acknowledged' }
  if (isAcknowledgement(response)) {
    latest.acknowledged = true
    record.status = 'acknowledged'
    record.nextAttemptAt = undefined
    return { kind: 'acknowledged' }
  }
  latest.acknowledged = false
  return { kind: 'rejected', nextAttemptAt: record.nextAttemptAt, status: record.status }
}
