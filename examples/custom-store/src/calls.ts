import type { ClaimOptions, NewPayment, PruneOptions } from '@paychart/core/store'
import type { RedisKeys } from './keys.js'
import { type ScriptCall, scriptCall } from './script-call.js'

/** The create script's KEYS and ARGV (`lua/create.ts`). */
export const createCall = (keys: RedisKeys, payment: NewPayment): ScriptCall => {
  const id = payment.paymentRequestId
  const references = payment.merchantReference === undefined ? [] : [payment.merchantReference]
  return scriptCall()
    .key(keys.payment(id), 'hash')
    .key(keys.byMerchantReference, 'hash')
    .arg(id, payment.state, JSON.stringify(payment.snapshot), payment.at)
    .arg(references.length, ...references)
    .build()
}

/** The lease a claim hands out ends at `now + leaseMs`, computed here: the scripts never read Redis's clock. */
const leaseUntil = (options: Omit<ClaimOptions, 'limit'>): number => options.now + options.leaseMs

export const claimCommandsCall = (keys: RedisKeys, options: ClaimOptions): ScriptCall =>
  scriptCall()
    .key(keys.outboxQueue, 'zset')
    .arg(keys.outboxItemPrefix, options.now, options.owner, leaseUntil(options), options.limit)
    .build()

export const claimCommandCall = (
  keys: RedisKeys,
  commandId: string,
  options: Omit<ClaimOptions, 'limit'>,
): ScriptCall =>
  scriptCall().key(keys.outboxItem(commandId), 'hash').arg(options.now, options.owner, leaseUntil(options)).build()

export const completeCommandCall = (keys: RedisKeys, commandId: string): ScriptCall =>
  scriptCall()
    .key(keys.outboxItem(commandId), 'hash')
    .key(keys.outboxQueue, 'zset')
    .key(keys.outboxDone, 'zset')
    .arg(commandId)
    .build()

export const claimTimersCall = (keys: RedisKeys, options: ClaimOptions): ScriptCall =>
  scriptCall()
    .key(keys.timerQueue, 'zset')
    .arg(keys.timerPrefix, options.now, options.owner, leaseUntil(options), options.limit)
    .build()

export const pruneCall = (keys: RedisKeys, options: PruneOptions): ScriptCall =>
  scriptCall()
    .key(keys.outboxDone, 'zset')
    .key(keys.notificationTimes, 'zset')
    .key(keys.notifications, 'hash')
    .key(keys.unmatchedTimes, 'zset')
    .key(keys.unmatched, 'hash')
    .arg(keys.outboxItemPrefix, options.doneCommandsBefore, options.notificationsBefore)
    .build()

export const pruneEventsCall = (
  keys: RedisKeys,
  paymentRequestId: string,
  logs: NonNullable<PruneOptions['eventLogs']>,
): ScriptCall =>
  scriptCall()
    .key(keys.payment(paymentRequestId), 'hash')
    .key(keys.events(paymentRequestId), 'list')
    .arg(logs.before, ...logs.states)
    .build()
