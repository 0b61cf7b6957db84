import type { TimerName } from '@paychart/core/machine'
import { type Commit, type NewPayment, newOutboxItems } from '@paychart/core/store'

/**
 * Records in payment order: every statement that writes several payments locks them in the same order, so two never
 * wait for each other in a cycle.
 */
export const byPaymentId = (a: { readonly id: string }, b: { readonly id: string }): number =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/** The parameters of the `create` statement. */
export const createValues = (payment: NewPayment, snapshotJson: string) => [
  payment.paymentRequestId,
  payment.state,
  snapshotJson,
  payment.merchantReference ?? null,
  payment.at,
]

/**
 * The timers this commit removes: the ones it cancels and the one it fired, minus any it (re)schedules, so that a
 * timer both cleared and set ends set, as the memory store leaves it.
 */
const clearedTimers = (commit: Commit): TimerName[] => {
  const scheduled = new Set(
    commit.scheduleTimers.filter((t) => t.paymentRequestId === commit.paymentRequestId).map((t) => t.timer),
  )
  const cleared = new Set(commit.cancelTimers)
  if (commit.firedTimer !== undefined) cleared.add(commit.firedTimer)
  return [...cleared].filter((timer) => !scheduled.has(timer))
}

/** New outbox items, first one per commandId (a later duplicate in the same commit is ignored, like a stored one). */
const outboxRecords = (commit: Commit) => {
  const seen = new Set<string>()
  return newOutboxItems(commit).flatMap((item) => {
    if (seen.has(item.commandId)) return []
    seen.add(item.commandId)
    return [
      {
        command_id: item.commandId,
        payment_request_id: item.paymentRequestId,
        command: item.command,
        created_at: item.createdAt,
        attempts: item.attempts,
        lease_owner: item.lease?.owner ?? null,
        lease_until: item.lease?.leaseUntil ?? null,
      },
    ]
  })
}

/** Timers to set, the last one per payment and name (a timer set twice in one commit ends at its last time). */
const timerRecords = (commit: Commit) => {
  const last = new Map<string, { payment_request_id: string; timer: TimerName; due_at: number }>()
  for (const t of commit.scheduleTimers) {
    last.set(`${t.paymentRequestId}\u0000${t.timer}`, {
      payment_request_id: t.paymentRequestId,
      timer: t.timer,
      due_at: t.dueAt,
    })
  }
  return [...last.values()]
}

/** One commit, as a record of the `commit` statement's `$1`; `i` is its place in the group. */
export const commitRecord = (commit: Commit, snapshotJson: string, i: number) => ({
  i,
  id: commit.paymentRequestId,
  expected: commit.expectedVersion,
  state: commit.state,
  snapshot: snapshotJson,
  payment_id: commit.paymentId ?? null,
  session_id: commit.paymentSessionId ?? null,
  at: commit.at,
  event_version: commit.event.version,
  event_at: commit.event.at,
  from_state: commit.event.from,
  to_state: commit.event.to,
  event: commit.event.event,
  commands: commit.event.commands,
  outbox: outboxRecords(commit),
  completes: commit.completesCommand ?? null,
  cleared: clearedTimers(commit),
  timers: timerRecords(commit),
  key: commit.notificationKey ?? null,
})
