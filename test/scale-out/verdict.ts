import { decodeNotification, notificationEvent } from '@paychart/antom'
import type { PaymentStatus } from '@paychart/core'
import type { Simulator } from '@paychart/testkit'
import { Effect } from 'effect'
import pg from 'pg'
import type { PlannedPayment } from './payment-plan.js'

/** Why the payment has not (yet) converged: final locally, final at the gateway, the same state and amounts. */
export const disagreements = (payment: PlannedPayment, local: PaymentStatus, simulator: Simulator): string[] => {
  const remote = simulator.payment(payment.paymentRequestId)
  const id = payment.paymentRequestId
  if (remote === undefined) return [`${id}: the gateway has no such payment`]
  const problems: string[] = []
  if (local.state !== payment.expected) problems.push(`${id}: local ${local.state}, expected ${payment.expected}`)
  if (remote.status !== payment.expected) problems.push(`${id}: gateway ${remote.status}, expected ${payment.expected}`)
  if (local.captured.minor !== remote.captured.minor)
    problems.push(`${id}: captured ${local.captured.minor} locally, ${remote.captured.minor} at the gateway`)
  if (local.paymentId !== undefined && local.paymentId !== remote.paymentId)
    problems.push(`${id}: paymentId ${local.paymentId} locally, ${remote.paymentId} at the gateway`)
  return problems
}

/** Captures the gateway performed more than once, or for more than the payment's amount. */
export const doubleCaptures = (payments: ReadonlyArray<PlannedPayment>, simulator: Simulator): string[] =>
  payments.flatMap((payment) => {
    const remote = simulator.payment(payment.paymentRequestId)
    if (remote === undefined) return []
    const performed = remote.calls.filter((c) => c.endpoint === 'capture' && c.acted && !c.replayed)
    return [
      ...(performed.length > 1 ? [`${payment.paymentRequestId}: ${performed.length} capture calls acted`] : []),
      ...(remote.captured.minor > remote.amount.minor
        ? [`${payment.paymentRequestId}: captured ${remote.captured.minor} of ${remote.amount.minor}`]
        : []),
    ]
  })

/** A logical operation (the pay, the capture) sent under more than one request id, or performed twice. */
export const requestIdProblems = (payments: ReadonlyArray<PlannedPayment>, simulator: Simulator): string[] =>
  payments.flatMap((payment) => {
    const id = payment.paymentRequestId
    const calls = simulator.payment(id)?.calls ?? []
    const ids = (endpoint: string, key: 'paymentRequestId' | 'captureRequestId') =>
      new Set(calls.filter((c) => c.endpoint === endpoint).map((c) => c.ids[key]))
    const pays = ids('pay', 'paymentRequestId')
    const captures = ids('capture', 'captureRequestId')
    const paid = calls.filter((c) => c.endpoint === 'pay' && c.acted && !c.replayed).length
    return [
      ...(pays.size !== 1 || !pays.has(id) ? [`${id}: pay under ${[...pays].join(', ')}`] : []),
      ...(captures.size > 1 ? [`${id}: capture under ${[...captures].join(', ')}`] : []),
      ...(paid > 1 ? [`${id}: ${paid} pay calls acted`] : []),
    ]
  })

/**
 * Notifications the gateway sent that were not acknowledged, or whose key was not committed, or committed more than
 * once (more notified events in a payment's log than distinct notifications it was sent).
 */
export const lostNotifications = async (simulator: Simulator, client: pg.Client, schema: string): Promise<string[]> => {
  const s = pg.escapeIdentifier(schema)
  const committed = new Set(
    (await client.query<{ key: string }>(`SELECT key FROM ${s}.notifications`)).rows.map((row) => row.key),
  )
  const notified = new Map(
    (
      await client.query<{ payment_request_id: string; events: number }>(
        `SELECT payment_request_id, count(*)::int AS events FROM ${s}.payment_events
          WHERE event->>'type' IN ('PAYMENT_NOTIFIED', 'CAPTURE_NOTIFIED', 'REFUND_NOTIFIED')
          GROUP BY payment_request_id`,
      )
    ).rows.map((row) => [row.payment_request_id, row.events]),
  )
  const sent = new Map<string, Set<string>>()
  const problems: string[] = []
  for (const notification of simulator.notifications()) {
    if (notification.status !== 'acknowledged')
      problems.push(`${notification.notificationId} (${notification.notifyType}) is ${notification.status}`)
    const decoded = await Effect.runPromise(decodeNotification(JSON.stringify(notification.body)))
    const { notificationKey } = notificationEvent(decoded, 0)
    if (!committed.has(notificationKey)) problems.push(`${notificationKey} was never committed`)
    const keys = sent.get(notification.paymentRequestId) ?? new Set<string>()
    sent.set(notification.paymentRequestId, keys.add(notificationKey))
  }
  for (const [paymentRequestId, keys] of sent) {
    const events = notified.get(paymentRequestId) ?? 0
    if (events !== keys.size) problems.push(`${paymentRequestId}: ${keys.size} notifications, ${events} applied`)
  }
  const sentKeys = new Set([...sent.values()].flatMap((keys) => [...keys]))
  for (const key of committed) if (!sentKeys.has(key)) problems.push(`${key} committed but never sent`)
  return problems
}
