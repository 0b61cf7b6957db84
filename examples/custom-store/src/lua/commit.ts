import { prelude } from './prelude.js'

/**
 * One commit, all of it or none of it: the version check (and the notification key's, when the commit carries one:
 * not committed yet), then the snapshot, the event log line, the indexes, the
 * new outbox items, the completed command, the timers removed and set, and the notification key. Replies
 * `{'ok', <payment hash>}`, `{'PaymentNotFound'}` or `{'VersionConflict', <stored version>}`; the last two have
 * written nothing. The groups after the fixed arguments each start with their count (see `commit-call.ts`).
 */
export const commitLua = `${prelude}
local payment = key()
local events = key()
local outboxQueue = key()
local timerQueue = key()
local notifications = key()
local outboxDone = key()
local notificationTimes = key()
local id = arg()
local expectedVersion = arg()
local notificationKey = arg()

local version = redis.call('HGET', payment, 'version')
if not version then
  return { 'PaymentNotFound' }
end
if version ~= expectedVersion then
  return { 'VersionConflict', version }
end
if notificationKey ~= '' and redis.call('HEXISTS', notifications, notificationKey) == 1 then
  return { 'VersionConflict', version }
end

local state = arg()
local snapshot = arg()
local at = arg()
local entry = arg()
redis.call('HINCRBY', payment, 'version', 1)
redis.call('HSET', payment, 'state', state, 'snapshot', snapshot, 'updatedAt', at)
redis.call('RPUSH', events, entry)

-- paymentId and paymentSessionId, when the commit carries them: the field and its index move together
for _ = 1, tonumber(arg()) do
  local index = key()
  local field = arg()
  local value = arg()
  local previous = redis.call('HGET', payment, field)
  if previous ~= value then
    if previous and redis.call('HGET', index, previous) == id then
      redis.call('HDEL', index, previous)
    end
    redis.call('HSET', payment, field, value)
    redis.call('HSET', index, value, id)
  end
end

-- new outbox items: an item whose commandId is already stored is left as it is; a lease owner other than ''
-- writes them already claimed by it
local newItems = tonumber(arg())
local leaseOwner = arg()
local leaseUntil = arg()
for _ = 1, newItems do
  local item = key()
  local commandId = arg()
  local paymentRequestId = arg()
  local command = arg()
  local createdAt = arg()
  local attempts = arg()
  if redis.call('EXISTS', item) == 0 then
    redis.call('HSET', item, 'commandId', commandId, 'paymentRequestId', paymentRequestId, 'command', command,
      'createdAt', createdAt, 'attempts', attempts, 'done', '0')
    if leaseOwner ~= '' then
      redis.call('HSET', item, 'leaseOwner', leaseOwner, 'leaseUntil', leaseUntil)
    end
    redis.call('ZADD', outboxQueue, createdAt, commandId)
  end
end

-- the command this event answers: done, and out of the claim queue
for _ = 1, tonumber(arg()) do
  local item = key()
  local commandId = arg()
  if redis.call('HGET', item, 'done') == '0' then
    redis.call('HSET', item, 'done', '1')
    redis.call('ZREM', outboxQueue, commandId)
    redis.call('ZADD', outboxDone, redis.call('HGET', item, 'createdAt'), commandId)
  end
end

-- timers removed: the cancelled ones, then the fired one (unless this commit schedules it again)
for _ = 1, tonumber(arg()) do
  local timer = key()
  local paymentTimers = key()
  local name = arg()
  local member = arg()
  redis.call('DEL', timer)
  redis.call('SREM', paymentTimers, name)
  redis.call('ZREM', timerQueue, member)
end

-- timers set or moved: a fresh row, without the lease of the one it replaces
for _ = 1, tonumber(arg()) do
  local timer = key()
  local paymentTimers = key()
  local paymentRequestId = arg()
  local name = arg()
  local dueAt = arg()
  local member = arg()
  redis.call('DEL', timer)
  redis.call('HSET', timer, 'paymentRequestId', paymentRequestId, 'timer', name, 'dueAt', dueAt)
  redis.call('SADD', paymentTimers, name)
  redis.call('ZADD', timerQueue, dueAt, member)
end

-- the notification this event came from
if notificationKey ~= '' then
  redis.call('HSET', notifications, notificationKey, id)
  redis.call('ZADD', notificationTimes, at, notificationKey)
end

return { 'ok', redis.call('HGETALL', payment) }
`
