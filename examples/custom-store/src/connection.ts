import { Redis } from 'ioredis'

/** Where the store, its tests and the README look for Redis: `REDIS_URL`, or a local server. */
export const redisUrl = (): string => process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/**
 * A client for a URL, as the store opens one. A request fails after one reconnection attempt instead of waiting
 * for Redis indefinitely, so an outage reaches the engine as `StoreUnavailable` within seconds.
 */
export const openRedis = (url: string): Redis => new Redis(url, { maxRetriesPerRequest: 1 })
