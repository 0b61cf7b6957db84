import type { PaymentState } from '@paychart/core'
import type { TimerName } from '@paychart/core/machine'
import type { RawEventRow, RawOutboxRow, RawPayment, RawReader, RawTimerRow } from '@paychart/testkit/store-conformance'
import type { Redis } from 'ioredis'
import { literalPattern } from './keys.js'
import { keysUnder, scanKeys } from './prefix-keys.js'

const lease = (fields: Record<string, string>) =>
  fields.leaseOwner === undefined || fields.leaseUntil === undefined
    ? {}
    : { leaseOwner: fields.leaseOwner, leaseUntil: Number(fields.leaseUntil) }

const optional = (fields: Record<string, string>, name: string) =>
  fields[name] === undefined ? {} : { [name]: fields[name] }

/** One key's content as text: its type, then its members in a fixed order, so two dumps of the same data match. */
const dumpKey = async (redis: Redis, key: string): Promise<string> => {
  const type = await redis.type(key)
  const content =
    type === 'hash'
      ? Object.entries(await redis.hgetall(key)).sort(([a], [b]) => (a < b ? -1 : 1))
      : type === 'list'
        ? await redis.lrange(key, 0, -1)
        : type === 'zset'
          ? await redis.zrange(key, '0', '-1', 'WITHSCORES')
          : type === 'set'
            ? (await redis.smembers(key)).sort()
            : await redis.get(key)
  return `${JSON.stringify(key)} ${type} ${JSON.stringify(content)}`
}

/**
 * The store's keys read over a connection of their own, by the layout the README documents, never through the
 * store's read paths: what the Redis store really wrote.
 */
export const redisRawReader = (redis: Redis, prefix: string): RawReader => {
  const pattern = literalPattern(prefix)
  const hashes = async (suffix: string) =>
    Promise.all((await scanKeys(redis, `${pattern}${suffix}`)).map((key) => redis.hgetall(key)))
  return {
    payment: async (id): Promise<RawPayment | undefined> => {
      const fields = await redis.hgetall(`${prefix}payment:${id}`)
      if (Object.keys(fields).length === 0) return undefined
      return {
        version: Number(fields.version),
        state: fields.state as PaymentState,
        snapshotJson: fields.snapshot ?? '',
        ...optional(fields, 'merchantReference'),
        ...optional(fields, 'paymentId'),
        ...optional(fields, 'paymentSessionId'),
        createdAt: Number(fields.createdAt),
        updatedAt: Number(fields.updatedAt),
      }
    },
    outbox: async () =>
      (await hashes('outbox:*')).map(
        (fields): RawOutboxRow => ({
          commandId: fields.commandId ?? '',
          paymentRequestId: fields.paymentRequestId ?? '',
          done: fields.done === '1',
          attempts: Number(fields.attempts),
          createdAt: Number(fields.createdAt),
          ...lease(fields),
        }),
      ),
    timers: async () =>
      (await hashes('timer:*')).map(
        (fields): RawTimerRow => ({
          paymentRequestId: fields.paymentRequestId ?? '',
          timer: fields.timer as TimerName,
          dueAt: Number(fields.dueAt),
          ...lease(fields),
        }),
      ),
    events: async (id) =>
      (await redis.lrange(`${prefix}events:${id}`, 0, -1)).map((json): RawEventRow => {
        const entry = JSON.parse(json)
        return { version: entry.version, from: entry.from, to: entry.to, eventJson: JSON.stringify(entry.event) }
      }),
    notifications: async () => [
      ...(await redis.hkeys(`${prefix}notifications`)).map((key) => ({ key, unmatched: false })),
      ...(await redis.hkeys(`${prefix}unmatched`)).map((key) => ({ key, unmatched: true })),
    ],
    dump: async () =>
      (await Promise.all((await keysUnder(redis, prefix)).map((key) => dumpKey(redis, key)))).join('\n'),
  }
}
