import { applyNotificationFaults } from './notification-faults.js'
import {
  type Delivery,
  type NotificationBody,
  type NotificationRecord,
  type NotificationStatus,
  type NotifyType,
  notifyEndpointOf,
} from './notification-records.js'
import { isAcknowledgement } from './notification-schedule.js'
import { type Ctx, nextSequence } from './state.js'

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
