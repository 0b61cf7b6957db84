import type { Model } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'

type Inquiry = 'inquiryPayment' | 'inquiryRefund'

/** The first `count` inquiries made `afterMs` from now or later time out before they reach the gateway. */
export const loseInquiriesFrom = (world: World, endpoint: Inquiry, afterMs: number, count: number) =>
  world.deferFault(world.clock.now() + afterMs, { kind: 'timeoutBefore', endpoint, count })

/**
 * Transport, later on (`loseInquiriesFrom`): a day on, when only the engine's own timers ask anything, among them the
 * last look a day past a watch; or minutes on, inside a watch. Quiescence keeps this fault.
 */
export class LostADayOnCommand extends BaseCommand {
  constructor(
    readonly endpoint: Inquiry,
    readonly afterMs: number,
    readonly count = 1,
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.length > 0
  }

  protected async act(_model: Model, world: World): Promise<void> {
    loseInquiriesFrom(world, this.endpoint, this.afterMs, this.count)
  }

  toString(): string {
    return `lostADayOn(${this.endpoint} ×${this.count} after ${this.afterMs / 3_600_000} h: timeoutBefore)`
  }
}
