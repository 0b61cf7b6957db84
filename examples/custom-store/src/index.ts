export { openRedis, redisUrl } from './connection.js'
export { literalPattern, type RedisKeys, redisKeys, timerMember } from './keys.js'
export { deletePrefix, keysUnder, scanKeys } from './prefix-keys.js'
export { makeRedisStore, type RedisStore, type RedisStoreOptions } from './redis-store.js'
