import type { PaymentState } from '@paychart/core'
import type { Backlog, Backlogged, BacklogOptions, EventLogEntry } from '@paychart/core/store'
import type { Redis } from 'ioredis'
import { literalPattern, type RedisKeys } from './keys.js'

/** A sorted set's size and its lowest score (the oldest), up to `max` when given. */
const oldestIn = async (redis: Redis, key: string, max = '+inf'): Promise<Backlogged> => {
  const count = await redis.zcount(key, '-inf', max)
  if (count === 0) return { count }
  const [, score] = await redis.zrange(key, '0', '0', 'WITHSCORES')
  return { count, oldestAt: Number(score) }
}

/** When the payment entered the state it is in: the last logged move into it (else its last update). */
const enteredAt = async (redis: Redis, keys: RedisKeys, id: string, state: string, updatedAt: number) => {
  const log = (await redis.lrange(keys.events(id), 0, -1)).map((entry) => JSON.parse(entry) as EventLogEntry)
  return log.findLast((entry) => entry.to === state && entry.from !== state)?.at ?? updatedAt
}

/**
 * `PaymentStore.backlog` on Redis: the outbox and timer queues from their sorted sets; payments by state from every
 * payment hash under the prefix (SCAN, a page at a time, never blocking Redis). Several reads, not one snapshot: a
 * payment that moves meanwhile may be counted in its old state or its new one.
 */
export const backlogRedis = async (redis: Redis, keys: RedisKeys, options: BacklogOptions): Promise<Backlog> => {
  const paymentPrefix = keys.payment('')
  const payments: Partial<Record<PaymentState, number>> = {}
  const unknownSince: Array<number> = []
  let cursor = '0'
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${literalPattern(paymentPrefix)}*`, 'COUNT', 500)
    cursor = next
    for (const paymentKey of found) {
      const [state, updatedAt] = await redis.hmget(paymentKey, 'state', 'updatedAt')
      if (state === null || state === undefined) continue
      payments[state as PaymentState] = (payments[state as PaymentState] ?? 0) + 1
      if (!options.unknownOutcome.includes(state as PaymentState)) continue
      const id = paymentKey.slice(paymentPrefix.length)
      unknownSince.push(await enteredAt(redis, keys, id, state, Number(updatedAt)))
    }
  } while (cursor !== '0')
  return {
    payments,
    pendingCommands: await oldestIn(redis, keys.outboxQueue),
    overdueTimers: await oldestIn(redis, keys.timerQueue, String(options.now)),
    unknownOutcomes:
      unknownSince.length === 0 ? { count: 0 } : { count: unknownSince.length, oldestAt: Math.min(...unknownSince) },
  }
}
