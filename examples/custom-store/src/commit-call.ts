import type { TimerName } from '@paychart/core/machine'
import { type Commit, newOutboxItems, timersRemovedBy } from '@paychart/core/store'
import { type RedisKeys, timerMember } from './keys.js'
import { type ScriptCall, scriptCall } from './script-call.js'

interface TimerRef {
  readonly paymentRequestId: string
  readonly timer: TimerName
}

/** The timers a commit removes (`timersRemovedBy`), as references. */
const removedTimers = (commit: Commit): ReadonlyArray<TimerRef> =>
  timersRemovedBy(commit).map((timer) => ({ paymentRequestId: commit.paymentRequestId, timer }))

/** The commit script's KEYS and ARGV, in the order `lua/commit.ts` reads them. */
export const commitCall = (keys: RedisKeys, commit: Commit): ScriptCall => {
  const id = commit.paymentRequestId
  const call = scriptCall()
    .key(keys.payment(id), 'hash')
    .key(keys.events(id), 'list')
    .key(keys.outboxQueue, 'zset')
    .key(keys.timerQueue, 'zset')
    .key(keys.notifications, 'hash')
    .key(keys.outboxDone, 'zset')
    .key(keys.notificationTimes, 'zset')
    .arg(id, commit.expectedVersion, commit.notificationKey ?? '')
    .arg(commit.state, JSON.stringify(commit.snapshot), commit.at)
    .arg(JSON.stringify(commit.event))

  const indexed = [
    { field: 'paymentId', value: commit.paymentId, index: keys.byPaymentId },
    { field: 'paymentSessionId', value: commit.paymentSessionId, index: keys.byPaymentSessionId },
  ].flatMap(({ field, value, index }) => (value === undefined ? [] : [{ field, value, index }]))
  call.arg(indexed.length)
  for (const { field, value, index } of indexed) call.key(index, 'hash').arg(field, value)

  // With `claimNew`, every new item carries the committer's one lease: sent once, before the items.
  const lease = commit.claimNew
  const items = newOutboxItems(commit)
  call.arg(items.length, lease?.owner ?? '', lease?.leaseUntil ?? '')
  for (const item of items) {
    call
      .key(keys.outboxItem(item.commandId), 'hash')
      .arg(item.commandId, item.paymentRequestId, JSON.stringify(item.command), item.createdAt, item.attempts)
  }

  const completes = commit.completesCommand === undefined ? [] : [commit.completesCommand]
  call.arg(completes.length)
  for (const commandId of completes) call.key(keys.outboxItem(commandId), 'hash').arg(commandId)

  const removed = removedTimers(commit)
  call.arg(removed.length)
  for (const { paymentRequestId, timer } of removed) {
    call
      .key(keys.timer(paymentRequestId, timer), 'hash')
      .key(keys.paymentTimers(paymentRequestId), 'set')
      .arg(timer, timerMember(paymentRequestId, timer))
  }

  call.arg(commit.scheduleTimers.length)
  for (const { paymentRequestId, timer, dueAt } of commit.scheduleTimers) {
    call
      .key(keys.timer(paymentRequestId, timer), 'hash')
      .key(keys.paymentTimers(paymentRequestId), 'set')
      .arg(paymentRequestId, timer, dueAt, timerMember(paymentRequestId, timer))
  }
  return call.build()
}
