import type { CallFault } from '../../simulator/faults.js'
import type { Model } from '../model.js'
import type { World } from '../world.js'
import { CaptureCommand } from './capture.js'
import { BaseCommand } from './command.js'
import { RefundCommand } from './refund.js'

/** Past each reconcile delay of the first inquiries (one minute, then doubling). */
const RECONCILE_STEP_MS = 5 * 60_000

/** Where the fault lands: the call itself, or the refund inquiry that follows a refund left unknown. */
export type FaultTarget = 'call' | 'inquiryRefund'

/**
 * Merchant and transport together: a capture or a refund whose call (or the refund inquiry after it) meets a fault,
 * `count` times in a row: a timeout, a lost connection, an unsigned answer, before or after the gateway acted. Three in
 * a row outlast every send the engine makes of it.
 */
export class FaultedIntentCommand extends BaseCommand {
  constructor(
    readonly kind: 'capture' | 'refund',
    readonly fault: CallFault,
    readonly count: number,
    readonly where: FaultTarget,
    readonly target: number,
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.length > 0
  }

  protected async act(model: Model, world: World): Promise<void> {
    const endpoint = this.where === 'inquiryRefund' ? 'inquiryRefund' : this.kind
    world.simulator.faults.next({ ...this.fault, endpoint, count: this.count })
    model.faultsQueued += 1
    const intent =
      this.kind === 'capture'
        ? new CaptureCommand(this.target, 1000, 'new', true)
        : new RefundCommand(this.target, 500, 'new', true)
    await intent.actFor(model, world)
    // Time passes while the fault lasts: the relay runs the reconcile timers, whose inquiries and resends meet it.
    for (let i = 0; i < 4; i++) {
      await world.passTime(RECONCILE_STEP_MS)
    }
  }

  toString(): string {
    return `faulted(${this.kind} #${this.target}: ${Object.values(this.fault).join(' ')} ×${this.count} on ${this.where})`
  }
}
