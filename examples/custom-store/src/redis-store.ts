import { PaymentExists, PaymentNotFound, PaymentStore } from '@paychart/core'
import type { TimerName } from '@paychart/core/machine'
import {
  type ClaimOptions,
  type Commit,
  type FindKey,
  type InboundNotification,
  type NewPayment,
  type PaymentStoreShape,
  type StoredPayment,
  type TimerItem,
  VersionConflict,
} from '@paychart/core/store'
import { Effect, Layer } from 'effect'
import type { Redis } from 'ioredis'
import { backlogRedis } from './backlog.js'
import { claimCommandCall, claimCommandsCall, claimTimersCall, completeCommandCall, createCall } from './calls.js'
import { commitCall } from './commit-call.js'
import { openRedis } from './connection.js'
import { claimedOutboxItem, claimedTimer, hashFields, hashList, storedPayment, timerItem } from './hash-rows.js'
import { type RedisKeys, redisKeys } from './keys.js'
import { pruneRedis } from './prune.js'
import { runScript } from './run-script.js'
import { commitReply, createReply } from './script-replies.js'
import { scripts } from './scripts.js'
import { tryRedis } from './unavailable.js'

export interface RedisStoreOptions {
  /** An ioredis client (yours to close), or a URL for a connection the store opens and `quit()` closes. */
  readonly redis: Redis | string
  /**
   * Put before every key the store writes, e.g. `'shop:payments:'`. On a Redis Cluster wrap it in braces
   * (`'{shop:payments}:'`) so that every key lands in one slot, as the scripts need.
   */
  readonly prefix: string
}

export interface RedisStore {
  readonly store: PaymentStoreShape
  /** `Layer.succeed(PaymentStore, store)`: what `Engine.layer` needs. */
  readonly layer: Layer.Layer<PaymentStore>
  readonly redis: Redis
  readonly keys: RedisKeys
  /** Closes the connection if the store opened it from a URL; a client passed in is left open. */
  readonly quit: () => Promise<void>
}

const loadFrom = async (redis: Redis, keys: RedisKeys, id: string): Promise<StoredPayment | undefined> => {
  const fields = await redis.hgetall(keys.payment(id))
  return Object.keys(fields).length === 0 ? undefined : storedPayment(id, fields)
}

const indexOf = (keys: RedisKeys, key: FindKey): readonly [string, string] =>
  'merchantReference' in key
    ? [keys.byMerchantReference, key.merchantReference]
    : 'paymentId' in key
      ? [keys.byPaymentId, key.paymentId]
      : [keys.byPaymentSessionId, key.paymentSessionId]

const pendingTimersOf = async (redis: Redis, keys: RedisKeys, id: string): Promise<ReadonlyArray<TimerItem>> => {
  const names = await redis.smembers(keys.paymentTimers(id))
  const rows = await Promise.all(names.map((name) => redis.hgetall(keys.timer(id, name as TimerName))))
  return rows
    .filter((fields) => Object.keys(fields).length > 0)
    .map(timerItem)
    .sort((a, b) => a.dueAt - b.dueAt || (a.timer < b.timer ? -1 : 1))
}

/**
 * A `PaymentStore` on Redis. Every write that touches more than one key is one Lua script, which Redis runs without
 * interleaving any other client's command: a commit's version check and all of its writes are one step, and so is
 * a claim's choice of items and their leases. Times come from the caller (`at`, `ClaimOptions.now`), never from
 * Redis's clock. Reads parse what Redis holds anew, so no caller ever shares an object with another.
 */
export const makeRedisStore = (options: RedisStoreOptions): RedisStore => {
  const owned = typeof options.redis === 'string'
  const redis = typeof options.redis === 'string' ? openRedis(options.redis) : options.redis
  if (redis.options.keyPrefix) {
    throw new TypeError('use the store’s prefix, not ioredis keyPrefix: scripts build some keys themselves')
  }
  const keys = redisKeys(options.prefix)

  const create = Effect.fn('RedisStore.create')(function* (payment: NewPayment) {
    const result = yield* tryRedis('create', async () =>
      createReply(payment.paymentRequestId, await runScript(redis, scripts.create, createCall(keys, payment))),
    )
    return result instanceof PaymentExists ? yield* Effect.fail(result) : result
  })

  const commit = Effect.fn('RedisStore.commit')(function* (change: Commit) {
    const result = yield* tryRedis('commit', async () =>
      commitReply(change, await runScript(redis, scripts.commit, commitCall(keys, change))),
    )
    return result instanceof VersionConflict || result instanceof PaymentNotFound ? yield* Effect.fail(result) : result
  })

  const store: PaymentStoreShape = {
    create,
    load: (paymentRequestId) => tryRedis('load', () => loadFrom(redis, keys, paymentRequestId)),
    commit,
    find: (key) =>
      tryRedis('find', async () => {
        const [index, value] = indexOf(keys, key)
        const id = await redis.hget(index, value)
        return id === null ? undefined : loadFrom(redis, keys, id)
      }),
    events: (paymentRequestId) =>
      tryRedis('events', async () =>
        (await redis.lrange(keys.events(paymentRequestId), 0, -1)).map((entry) => JSON.parse(entry)),
      ),
    claimCommands: (claim: ClaimOptions) =>
      tryRedis('claimCommands', async () =>
        hashList(await runScript(redis, scripts.claimCommands, claimCommandsCall(keys, claim))).map(claimedOutboxItem),
      ),
    claimCommand: (commandId, claim) =>
      tryRedis('claimCommand', async () => {
        const reply = await runScript(redis, scripts.claimCommand, claimCommandCall(keys, commandId, claim))
        return reply === null ? undefined : claimedOutboxItem(hashFields(reply))
      }),
    completeCommand: (commandId) =>
      tryRedis('completeCommand', async () => {
        await runScript(redis, scripts.completeCommand, completeCommandCall(keys, commandId))
      }),
    claimTimers: (claim) =>
      tryRedis('claimTimers', async () =>
        hashList(await runScript(redis, scripts.claimTimers, claimTimersCall(keys, claim))).map(claimedTimer),
      ),
    pendingTimers: (paymentRequestId) =>
      tryRedis('pendingTimers', () => pendingTimersOf(redis, keys, paymentRequestId)),
    hasNotification: (key) =>
      tryRedis('hasNotification', async () => (await redis.hexists(keys.notifications, key)) === 1),
    recordUnmatchedNotification: (notification: InboundNotification) =>
      tryRedis('recordUnmatchedNotification', async () => {
        // One MULTI: the notification and its place among the unmatched by time, or neither.
        await redis
          .multi()
          .hsetnx(keys.unmatched, notification.key, JSON.stringify(notification))
          .zadd(keys.unmatchedTimes, 'NX', notification.receivedAt, notification.key)
          .exec()
      }),
    backlog: (options) => tryRedis('backlog', () => backlogRedis(redis, keys, options)),
    unmatchedNotifications: () =>
      tryRedis('unmatchedNotifications', async () => {
        const kept = (await redis.hvals(keys.unmatched)).map((json): InboundNotification => JSON.parse(json))
        // One a redelivery matched later (a commit carried its key) is no longer unmatched.
        const matched = kept.length === 0 ? [] : await redis.hmget(keys.notifications, ...kept.map((n) => n.key))
        return kept
          .filter((_, i) => matched[i] === null || matched[i] === undefined)
          .sort((a, b) => a.receivedAt - b.receivedAt || (a.key < b.key ? -1 : 1))
      }),
    prune: (options) => tryRedis('prune', () => pruneRedis(redis, keys, options)),
  }

  return {
    store,
    layer: Layer.succeed(PaymentStore, store),
    redis,
    keys,
    quit: async () => {
      if (owned) await redis.quit()
    },
  }
}
