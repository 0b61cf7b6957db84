import type { Model } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'

/**
 * Transport, a day on: the first `count` inquiries made `afterMs` from now or later time out before they reach the
 * gateway. By then only the engine's own timers ask anything, among them the last look a day past a watch; quiescence
 * keeps this fault.
 */
export class LostADayOnCommand extends BaseCommand {
  constructor(
    readonly endpoint: 'inquiryPayment' | 'inquiryRefund',
    readonly afterMs: number,
    readonly count = 1,
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.length > 0
  }

  protected async act(_model: Model, world: World): Promise<void> {
    const fault = { kind: 'timeoutBefore', endpoint: this.endpoint, count: this.count } as const
    world.deferFault(world.clock.now() + this.afterMs, fault)
  }

  toString(): string {
    return `lostADayOn(${this.endpoint} ×${this.count} after ${this.afterMs / 3_600_000} h: timeoutBefore)`
  }
}
