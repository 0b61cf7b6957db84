import type { CallFaultRequest } from '../../simulator/faults.js'
import type { Model } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'

/**
 * Transport: the next call (to one endpoint, or any) times out before or after the gateway acts, has its
 * connection reset before or after, or gets a U answer (UNKNOWN_EXCEPTION, REQUEST_TRAFFIC_EXCEED_LIMIT).
 */
export class CallFaultCommand extends BaseCommand {
  constructor(readonly fault: CallFaultRequest) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.faultsQueued < 3
  }

  protected async act(model: Model, world: World): Promise<void> {
    model.faultsQueued += 1
    world.simulator.faults.next(this.fault)
  }

  toString(): string {
    return `callFault(${Object.values(this.fault).join(' ')})`
  }
}
