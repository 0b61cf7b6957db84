import type { TimerName } from '@paychart/core/machine'

/**
 * Where everything lives in Redis, under one prefix. Every key the store writes comes from here, so a prefix is
 * all it takes to keep two stores (or two tests) apart, and `SCAN prefix*` finds all of one store's data.
 */
export interface RedisKeys {
  readonly prefix: string
  /** Hash: version, state, snapshot (JSON), createdAt, updatedAt and the fields a payment is found by. */
  readonly payment: (paymentRequestId: string) => string
  /** List: the payment's event log, one JSON entry per commit, in commit order. */
  readonly events: (paymentRequestId: string) => string
  /** Hash: one outbox item (commandId, paymentRequestId, command JSON, createdAt, attempts, done, lease). */
  readonly outboxItem: (commandId: string) => string
  /** What `outboxItem(id)` puts before the id: the claim script builds item keys from it. */
  readonly outboxItemPrefix: string
  /** Sorted set: the commandIds not done, scored by createdAt (ties in commandId order): the claim order. */
  readonly outboxQueue: string
  /** Sorted set: the commandIds done, scored by createdAt: what retention prunes, oldest first. */
  readonly outboxDone: string
  /** Hash: one timer (paymentRequestId, timer, dueAt, lease). */
  readonly timer: (paymentRequestId: string, timer: TimerName) => string
  /** What `timer(id, name)` puts before `<id>:<name>`: the claim script builds timer keys from it. */
  readonly timerPrefix: string
  /** Set: the names of a payment's pending timers. */
  readonly paymentTimers: (paymentRequestId: string) => string
  /** Sorted set: every pending timer as `timerMember`, scored by dueAt: the claim order. */
  readonly timerQueue: string
  /** Hash: notification key → the paymentRequestId whose commit carried it. */
  readonly notifications: string
  /** Sorted set: the committed notification keys, scored by the commit's time. */
  readonly notificationTimes: string
  /** Hash: notification key → the unmatched notification as JSON, kept for review. */
  readonly unmatched: string
  /** Sorted set: the unmatched notifications' keys, scored by when they were received. */
  readonly unmatchedTimes: string
  /** Hashes: merchantReference / paymentId / paymentSessionId → paymentRequestId. */
  readonly byMerchantReference: string
  readonly byPaymentId: string
  readonly byPaymentSessionId: string
}

/**
 * A timer's member in the timer queue: `<paymentRequestId>\0<timer>`. The NUL cannot occur in a paymentRequestId,
 * and timers due at the same time are claimed in this member's byte order, as the memory store does.
 */
export const timerMember = (paymentRequestId: string, timer: TimerName): string => `${paymentRequestId}\u0000${timer}`

export const redisKeys = (prefix: string): RedisKeys => ({
  prefix,
  payment: (id) => `${prefix}payment:${id}`,
  events: (id) => `${prefix}events:${id}`,
  outboxItem: (commandId) => `${prefix}outbox:${commandId}`,
  outboxItemPrefix: `${prefix}outbox:`,
  outboxQueue: `${prefix}queue:outbox`,
  outboxDone: `${prefix}done:outbox`,
  timer: (id, timer) => `${prefix}timer:${id}:${timer}`,
  timerPrefix: `${prefix}timer:`,
  paymentTimers: (id) => `${prefix}timers:${id}`,
  timerQueue: `${prefix}queue:timers`,
  notifications: `${prefix}notifications`,
  notificationTimes: `${prefix}times:notifications`,
  unmatched: `${prefix}unmatched`,
  unmatchedTimes: `${prefix}times:unmatched`,
  byMerchantReference: `${prefix}index:merchantReference`,
  byPaymentId: `${prefix}index:paymentId`,
  byPaymentSessionId: `${prefix}index:paymentSessionId`,
})

/** The prefix as a SCAN MATCH pattern that matches it literally, whatever glob characters it holds. */
export const literalPattern = (prefix: string): string => prefix.replace(/[*?[\]\\]/g, (c) => `\\${c}`)
