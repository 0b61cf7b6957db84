import { randomBytes } from 'node:crypto'
import type { StoreUnderTest } from '@paychart/testkit/store-conformance'
import type { Redis } from 'ioredis'
import { openRedis } from './connection.js'
import { deletePrefix } from './prefix-keys.js'
import { redisRawReader } from './redis-raw-reader.fixtures.js'
import { makeRedisStore, type RedisStore } from './redis-store.js'

export interface RedisUnderTest extends StoreUnderTest {
  readonly prefix: string
  readonly redisStore: RedisStore
  /** The raw reader's connection: for a test to look at or tamper with keys directly. */
  readonly direct: Redis
}

/**
 * A random key prefix of letters only: the suite scans every stored byte for forbidden strings (a CVV such as
 * `123`), which random digits in key names could contain by chance.
 */
const randomPrefix = (): string =>
  `paychart-test:${[...randomBytes(16)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('')}:`

/**
 * A fresh store under a random prefix with its own connection; the raw reader and a second client each get one
 * more. `cleanup` deletes the prefix's keys and closes the connections.
 */
export const redisUnderTest = async (url: string): Promise<RedisUnderTest> => {
  const prefix = randomPrefix()
  const redisStore = makeRedisStore({ redis: url, prefix })
  const direct = openRedis(url)
  return {
    store: redisStore.store,
    raw: redisRawReader(direct, prefix),
    prefix,
    redisStore,
    direct,
    makeSecondClient: async () => {
      const second = makeRedisStore({ redis: url, prefix })
      return { store: second.store, cleanup: second.quit }
    },
    cleanup: async () => {
      await deletePrefix(direct, prefix)
      await redisStore.quit()
      await direct.quit()
    },
  }
}
