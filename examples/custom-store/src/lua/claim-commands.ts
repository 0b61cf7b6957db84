import { prelude } from './prelude.js'

/**
 * Claims up to `limit` outbox items, oldest first (the queue's order: createdAt, then commandId), skipping those
 * whose lease has not lapsed: each gets one more attempt and the lease `owner` until `leaseUntil`. Replies with the
 * claimed items' hashes. Which items it touches is only known inside the script, so their keys are built here from
 * the item prefix; every read comes before the first write, so a bad item stops the script with nothing written.
 */
export const claimCommandsLua = `${prelude}
local queue = key()
local itemPrefix = arg()
local now = tonumber(arg())
local owner = arg()
local leaseUntil = arg()
local limit = tonumber(arg())

local picked = {}
local offset = 0
while #picked < limit do
  local batch = redis.call('ZRANGE', queue, offset, offset + 99)
  if #batch == 0 then
    break
  end
  for _, commandId in ipairs(batch) do
    local item = itemPrefix .. commandId
    local row = redis.call('HMGET', item, 'done', 'leaseUntil')
    if row[1] == '0' and (not row[2] or tonumber(row[2]) <= now) then
      picked[#picked + 1] = item
      if #picked == limit then
        break
      end
    end
  end
  offset = offset + #batch
end

local claimed = {}
for i, item in ipairs(picked) do
  redis.call('HINCRBY', item, 'attempts', 1)
  redis.call('HSET', item, 'leaseOwner', owner, 'leaseUntil', leaseUntil)
  claimed[i] = redis.call('HGETALL', item)
end
return claimed
`
