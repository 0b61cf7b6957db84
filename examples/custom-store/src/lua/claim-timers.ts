import { prelude } from './prelude.js'

/**
 * Claims up to `limit` timers due at `now` (dueAt <= now), soonest first (ties in member order), skipping those
 * whose lease has not lapsed: each is leased to `owner` until `leaseUntil`. Replies with the claimed timers' hashes.
 * A member is `<paymentRequestId>\\0<timer>`; the timer's key is built from it and the timer prefix. Every read
 * comes before the first write.
 */
export const claimTimersLua = `${prelude}
local queue = key()
local timerPrefix = arg()
local now = arg()
local owner = arg()
local leaseUntil = arg()
local limit = tonumber(arg())
local nul = string.char(0)

local picked = {}
local offset = 0
while #picked < limit do
  local batch = redis.call('ZRANGEBYSCORE', queue, '-inf', now, 'LIMIT', offset, 100)
  if #batch == 0 then
    break
  end
  for _, member in ipairs(batch) do
    local at = string.find(member, nul, 1, true)
    local timer = timerPrefix .. string.sub(member, 1, at - 1) .. ':' .. string.sub(member, at + 1)
    local row = redis.call('HMGET', timer, 'dueAt', 'leaseUntil')
    if row[1] and (not row[2] or tonumber(row[2]) <= tonumber(now)) then
      picked[#picked + 1] = timer
      if #picked == limit then
        break
      end
    end
  end
  offset = offset + #batch
end

local claimed = {}
for i, timer in ipairs(picked) do
  redis.call('HSET', timer, 'leaseOwner', owner, 'leaseUntil', leaseUntil)
  claimed[i] = redis.call('HGETALL', timer)
end
return claimed
`
