import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { ScriptCall } from './script-call.js'

/** A Lua script and its SHA1, by which Redis caches it. */
export interface LuaScript {
  readonly name: string
  readonly lua: string
  readonly sha: string
}

export const luaScript = (name: string, lua: string): LuaScript => ({
  name,
  lua,
  sha: createHash('sha1').update(lua).digest('hex'),
})

const isNoScript = (error: unknown): boolean => error instanceof Error && error.message.startsWith('NOSCRIPT')

/**
 * Runs a script by its SHA (EVALSHA), sending its text (EVAL) only when this Redis has not cached it yet (after a
 * restart or a SCRIPT FLUSH). Either way Redis runs it atomically: no other client's command runs in between.
 */
export const runScript = async (redis: Redis, script: LuaScript, call: ScriptCall): Promise<unknown> => {
  const keysAndArgs = [...call.keys, ...call.args]
  try {
    return await redis.evalsha(script.sha, call.keys.length, ...keysAndArgs)
  } catch (error) {
    if (!isNoScript(error)) throw error
    return await redis.eval(script.lua, call.keys.length, ...keysAndArgs)
  }
}
