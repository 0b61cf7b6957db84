import { prelude } from './prelude.js'

/**
 * One payment's event log, removed when the payment is in one of the states given and was last updated before the
 * cut: checked and removed in one step, so a commit in between (a late success reversed) keeps its log. Replies how
 * many entries went.
 */
export const pruneEventsLua = `${prelude}
local payment = key()
local events = key()
local before = tonumber(arg())
local state = redis.call('HGET', payment, 'state')
local updatedAt = tonumber(redis.call('HGET', payment, 'updatedAt') or '0')
if not state or updatedAt >= before then
  return 0
end
for i = argCursor + 1, #ARGV do
  if ARGV[i] == state then
    local entries = redis.call('LLEN', events)
    redis.call('DEL', events)
    return entries
  end
end
return 0
`
