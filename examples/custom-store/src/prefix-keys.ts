import type { Redis } from 'ioredis'
import { literalPattern } from './keys.js'

/** Every key matching `pattern`, sorted, found with SCAN (never KEYS, which blocks a shared Redis while it runs). */
export const scanKeys = async (redis: Redis, pattern: string): Promise<string[]> => {
  const found = new Set<string>()
  let cursor = '0'
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500)
    for (const key of batch) found.add(key)
    cursor = next
  } while (cursor !== '0')
  return [...found].sort()
}

/** Every key under `prefix`: all a store on that prefix wrote. */
export const keysUnder = (redis: Redis, prefix: string): Promise<string[]> =>
  scanKeys(redis, `${literalPattern(prefix)}*`)

/** Deletes every key under `prefix` (a test's data, a demo's, a tenant's); answers how many it deleted. */
export const deletePrefix = async (redis: Redis, prefix: string): Promise<number> => {
  const keys = await keysUnder(redis, prefix)
  return keys.length === 0 ? 0 : redis.del(...keys)
}
