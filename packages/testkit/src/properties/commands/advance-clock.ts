import type { Model } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'

/**
 * Time passes: calls held by a `landsLate` fault reach the gateway, and the relay makes a pass (due timers, commands
 * nobody ran).
 */
export class AdvanceClockCommand extends BaseCommand {
  constructor(readonly ms: number) {
    super()
  }

  check(_model: Readonly<Model>): boolean {
    return true
  }

  protected async act(_model: Model, world: World): Promise<void> {
    await world.passTime(this.ms)
  }

  toString(): string {
    return `advance(${Math.round(this.ms / 1000)} s)`
  }
}
