import type { Model } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'
import { EnterOtpCommand, hasOtpPayment } from './enter-otp.js'
import { FIRST_RECONCILE_MS } from './lost-verification.js'

/** After the engine's first inquiry, before its next one (the reconcile backoff doubles to two minutes). */
const LANDS_AFTER_MS = FIRST_RECONCILE_MS + 4_000

/**
 * Buyer and transport together: the buyer's code reaches the gateway only after the engine gave its verification up;
 * the engine's first inquiry, before it lands, finds the gateway still awaiting the code; it lands, and the gateway
 * pays; the buyer, still on the page, enters the code again, and the gateway refuses it for the order's status.
 */
export class VerificationLandsLateCommand extends BaseCommand {
  constructor(readonly target: number) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return hasOtpPayment(model)
  }

  protected async act(model: Model, world: World): Promise<void> {
    world.simulator.faults.next({
      kind: 'landsLate',
      endpoint: 'verifyAndCompletePayment',
      count: 1,
      afterMs: LANDS_AFTER_MS,
    })
    model.faultsQueued += 1
    await new EnterOtpCommand(this.target, true).actFor(model, world)
    await world.passTime(FIRST_RECONCILE_MS)
    await world.passTime(LANDS_AFTER_MS - FIRST_RECONCILE_MS + 1_000)
    await new EnterOtpCommand(this.target, true).actFor(model, world)
  }

  toString(): string {
    return `verificationLandsLate(#${this.target} then the code again)`
  }
}
