import { prelude } from './prelude.js'

/**
 * Marks an outbox item done, takes it out of the claim queue and files it among the done ones (for retention); an
 * unknown or done item is left alone.
 */
export const completeCommandLua = `${prelude}
local item = key()
local queue = key()
local done = key()
local commandId = arg()

if redis.call('HGET', item, 'done') == '0' then
  redis.call('HSET', item, 'done', '1')
  redis.call('ZREM', queue, commandId)
  redis.call('ZADD', done, redis.call('HGET', item, 'createdAt'), commandId)
end
return 'OK'
`
