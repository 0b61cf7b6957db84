import type { PruneOptions, PruneReport } from '@paychart/core/store'
import type { Redis } from 'ioredis'
import { pruneCall, pruneEventsCall } from './calls.js'
import type { RedisKeys } from './keys.js'
import { runScript } from './run-script.js'
import { scripts } from './scripts.js'

const glob = (text: string) => text.replace(/[*?[\]\\]/g, (c) => `\\${c}`)

/**
 * The event logs of final payments: every payment hash under the prefix is visited (SCAN, a page at a time, never
 * blocking Redis) and each is checked and cleared in one script. Maintenance, run now and then.
 */
const pruneEventLogs = async (
  redis: Redis,
  keys: RedisKeys,
  logs: NonNullable<PruneOptions['eventLogs']>,
): Promise<number> => {
  const paymentPrefix = keys.payment('')
  let removed = 0
  let cursor = '0'
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${glob(paymentPrefix)}*`, 'COUNT', 500)
    cursor = next
    for (const paymentKey of found) {
      const id = paymentKey.slice(paymentPrefix.length)
      removed += Number(await runScript(redis, scripts.pruneEvents, pruneEventsCall(keys, id, logs)))
    }
  } while (cursor !== '0')
  return removed
}

/** `PaymentStore.prune` on Redis: the time-ordered sets in one script, then the event logs asked for. */
export const pruneRedis = async (redis: Redis, keys: RedisKeys, options: PruneOptions): Promise<PruneReport> => {
  const [commands, notifications, unmatched] = (await runScript(redis, scripts.prune, pruneCall(keys, options))) as [
    number,
    number,
    number,
  ]
  const events = options.eventLogs === undefined ? 0 : await pruneEventLogs(redis, keys, options.eventLogs)
  return { commands, notifications, unmatched, events }
}
