import { prelude } from './prelude.js'

/** Marks an outbox item done and takes it out of the claim queue; an unknown or done item is left alone. */
export const completeCommandLua = `${prelude}
local item = key()
local queue = key()
local commandId = arg()

if redis.call('HGET', item, 'done') == '0' then
  redis.call('HSET', item, 'done', '1')
  redis.call('ZREM', queue, commandId)
end
return 'OK'
`
