import { prelude } from './prelude.js'

/**
 * Claims one outbox item by key when it is not done and no live lease holds it: one more attempt, leased to
 * `owner` until `leaseUntil`. Replies with its hash, or nil (unknown, done or held) having written nothing.
 */
export const claimCommandLua = `${prelude}
local item = key()
local now = tonumber(arg())
local owner = arg()
local leaseUntil = arg()

local row = redis.call('HMGET', item, 'done', 'leaseUntil')
if row[1] ~= '0' or (row[2] and tonumber(row[2]) > now) then
  return false
end
redis.call('HINCRBY', item, 'attempts', 1)
redis.call('HSET', item, 'leaseOwner', owner, 'leaseUntil', leaseUntil)
return redis.call('HGETALL', item)
`
