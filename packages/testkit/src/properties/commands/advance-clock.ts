import type { Model } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'

/**
 * Time passes: calls held by a `landsLate` fault reach the gateway, and the relay makes a pass (due timers, commands
 * nobody ran); in `steps` passes, a relay on its schedule meanwhile.
 */
export class AdvanceClockCommand extends BaseCommand {
  constructor(
    readonly ms: number,
    readonly steps = 1,
  ) {
    super()
  }

  check(_model: Readonly<Model>): boolean {
    return true
  }

  protected async act(_model: Model, world: World): Promise<void> {
    for (let step = 0; step < this.steps; step++) await world.passTime(this.ms / this.steps)
  }

  toString(): string {
    return `advance(${Math.round(this.ms / 1000)} s${this.steps > 1 ? ` in ${this.steps} relay passes` : ''})`
  }
}
