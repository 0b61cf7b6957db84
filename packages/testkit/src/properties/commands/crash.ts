import type { Model } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand, restartAfterCrash } from './command.js'

export type CrashWhen = 'now' | 'beforeCall' | 'afterCall'

/**
 * The process crashes: `now` between two handlers; `beforeCall` at the next gateway call, after its command was
 * committed and before the request left; `afterCall` once the gateway acted, before its answer was committed.
 * A new engine (empty secret vault) then starts over the same store and its relay takes over after the lease.
 */
export class CrashCommand extends BaseCommand {
  constructor(readonly when: CrashWhen) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.crashes < 3
  }

  protected async act(model: Model, world: World): Promise<void> {
    if (this.when === 'now') await restartAfterCrash(model, world)
    else world.crashOnNextCall(this.when)
  }

  toString(): string {
    return `crash(${this.when})`
  }
}
