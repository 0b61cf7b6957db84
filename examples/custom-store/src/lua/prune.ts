import { prelude } from './prelude.js'

/**
 * Retention's time-ordered part, in one step: the done outbox items created before the first cut, and the committed
 * notification keys and unmatched notifications older than the second. Replies `{commands, notifications,
 * unmatched}`: how many of each went.
 */
export const pruneLua = `${prelude}
local outboxDone = key()
local notificationTimes = key()
local notifications = key()
local unmatchedTimes = key()
local unmatched = key()
local itemPrefix = arg()
local doneBefore = '(' .. arg()
local notificationsBefore = '(' .. arg()

local commandIds = redis.call('ZRANGEBYSCORE', outboxDone, '-inf', doneBefore)
for _, commandId in ipairs(commandIds) do
  redis.call('DEL', itemPrefix .. commandId)
end
redis.call('ZREMRANGEBYSCORE', outboxDone, '-inf', doneBefore)

local keys = redis.call('ZRANGEBYSCORE', notificationTimes, '-inf', notificationsBefore)
for _, notificationKey in ipairs(keys) do
  redis.call('HDEL', notifications, notificationKey)
end
redis.call('ZREMRANGEBYSCORE', notificationTimes, '-inf', notificationsBefore)

local kept = redis.call('ZRANGEBYSCORE', unmatchedTimes, '-inf', notificationsBefore)
for _, notificationKey in ipairs(kept) do
  redis.call('HDEL', unmatched, notificationKey)
end
redis.call('ZREMRANGEBYSCORE', unmatchedTimes, '-inf', notificationsBefore)

return { #commandIds, #keys, #kept }
`
