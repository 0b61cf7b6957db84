/**
 * Runs first in every script. Redis runs a script atomically (no other command runs in between) but does not roll
 * it back: a command that fails halfway leaves the writes before it in place. So every key the script was given is
 * checked before anything is written: a key holding the wrong type (the only way a write below could fail) stops
 * the script with an error while it has still written nothing.
 *
 * `arg()` and `key()` read ARGV and KEYS in order; ARGV[1] holds the key kinds (see `script-call.ts`).
 */
export const prelude = `
local kinds = { h = 'hash', l = 'list', z = 'zset', s = 'set' }
for i = 1, #KEYS do
  local want = kinds[string.sub(ARGV[1], i, i)]
  local actual = redis.call('TYPE', KEYS[i])['ok']
  if actual ~= 'none' and actual ~= want then
    return redis.error_reply('WRONGTYPE ' .. KEYS[i] .. ' holds a ' .. actual .. ', not a ' .. want)
  end
end

local argCursor = 1
local function arg()
  argCursor = argCursor + 1
  return ARGV[argCursor]
end

local keyCursor = 0
local function key()
  keyCursor = keyCursor + 1
  return KEYS[keyCursor]
end
`
