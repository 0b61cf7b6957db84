import type { Model } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'

/**
 * Two commands back to back, nothing between them (no time passing, no notification delivered): a merchant acting at
 * once on what just happened. The invariants are checked after both.
 */
export class BackToBackCommand extends BaseCommand {
  constructor(
    readonly first: BaseCommand,
    readonly second: BaseCommand,
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return this.first.check(model)
  }

  protected async act(model: Model, world: World): Promise<void> {
    await this.first.actFor(model, world)
    if (this.second.check(model)) await this.second.actFor(model, world)
  }

  toString(): string {
    return `${this.first} then at once ${this.second}`
  }
}
