import { claimCommandLua } from './lua/claim-command.js'
import { claimCommandsLua } from './lua/claim-commands.js'
import { claimTimersLua } from './lua/claim-timers.js'
import { commitLua } from './lua/commit.js'
import { completeCommandLua } from './lua/complete-command.js'
import { createLua } from './lua/create.js'
import { pruneLua } from './lua/prune.js'
import { pruneEventsLua } from './lua/prune-events.js'
import { luaScript } from './run-script.js'

/** Every write the store makes that touches more than one key, as one script each. */
export const scripts = {
  create: luaScript('create', createLua),
  commit: luaScript('commit', commitLua),
  claimCommands: luaScript('claimCommands', claimCommandsLua),
  claimCommand: luaScript('claimCommand', claimCommandLua),
  completeCommand: luaScript('completeCommand', completeCommandLua),
  claimTimers: luaScript('claimTimers', claimTimersLua),
  prune: luaScript('prune', pruneLua),
  pruneEvents: luaScript('pruneEvents', pruneEventsLua),
}
