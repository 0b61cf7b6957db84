import type fc from 'fast-check'
import { checkInvariants } from '../invariants.js'
import type { Model } from '../model.js'
import { Crashed, type World } from '../world.js'

export type ModelCommand = fc.AsyncCommand<Model, World, false>

/**
 * Every command: its action on the system (`act`), which may check its own postcondition, then the invariants.
 * A crash in the middle of the action restarts the process (a new engine over the same store) and runs the
 * relay after the lapsed lease, as a restarted app instance would.
 */
export abstract class BaseCommand implements ModelCommand {
  abstract check(model: Readonly<Model>): boolean
  protected abstract act(model: Model, world: World): Promise<void>
  abstract toString(): string

  /** Its action alone, as one step of another command (which checks the invariants after it). */
  actFor(model: Model, world: World): Promise<void> {
    return this.act(model, world)
  }

  async run(model: Model, world: World): Promise<void> {
    if (world.interleaved()) {
      // Under fast-check's scheduler: the action is started, not awaited; the scheduler interleaves its steps with
      // the commands that follow. The store must be consistent at every instant, so the invariants still hold.
      world.track(this.act(model, world))
      await checkInvariants(world, model)
      return
    }
    try {
      await this.act(model, world)
    } catch (error) {
      if (!(error instanceof Crashed)) throw error
      await restartAfterCrash(model, world)
    }
    await checkInvariants(world, model)
  }
}

export const restartAfterCrash = async (model: Model, world: World): Promise<void> => {
  model.crashes += 1
  await world.restart()
  await world.passTime(30_001)
}
