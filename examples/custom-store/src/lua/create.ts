import { prelude } from './prelude.js'

/**
 * Creates a payment at version 1 unless one with its id exists. Replies `{'ok', <payment hash>}` or
 * `{'PaymentExists'}` (nothing written).
 */
export const createLua = `${prelude}
local payment = key()
local byMerchantReference = key()
local id = arg()
local state = arg()
local snapshot = arg()
local at = arg()

if redis.call('EXISTS', payment) == 1 then
  return { 'PaymentExists' }
end

redis.call('HSET', payment, 'version', '1', 'state', state, 'snapshot', snapshot, 'createdAt', at, 'updatedAt', at)
-- 0 or 1 merchantReference; a reference shared by several payments finds the one created last
for _ = 1, tonumber(arg()) do
  local reference = arg()
  redis.call('HSET', payment, 'merchantReference', reference)
  redis.call('HSET', byMerchantReference, reference, id)
end
return { 'ok', redis.call('HGETALL', payment) }
`
