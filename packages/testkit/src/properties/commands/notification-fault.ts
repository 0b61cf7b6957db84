import type { NotificationFault } from '../../simulator/faults.js'
import type { Model } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'

/** Gateway: the next notification(s) it sends are duplicated, reordered, delayed or dropped. */
export class NotificationFaultCommand extends BaseCommand {
  constructor(readonly fault: NotificationFault) {
    super()
  }

  check(_model: Readonly<Model>): boolean {
    return true
  }

  protected async act(_model: Model, world: World): Promise<void> {
    world.simulator.faults.nextNotifications(this.fault)
  }

  toString(): string {
    return `notificationFault(${Object.values(this.fault).join(' ')})`
  }
}
