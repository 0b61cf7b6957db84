import type { CallFault } from '../../simulator/faults.js'
import type { Model } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'
import { EnterOtpCommand, hasOtpPayment } from './enter-otp.js'

/** Past the first reconcile delay (one minute), well inside the gateway's OTP window. */
export const FIRST_RECONCILE_MS = 61_000

/**
 * Buyer and transport together: the buyer enters the OTP and its verification meets a fault (its outcome lost), time
 * passes until the engine's first inquiry, then the buyer enters a code again, as a buyer still on the page does.
 */
export class LostVerificationCommand extends BaseCommand {
  constructor(
    readonly target: number,
    readonly fault: CallFault,
    readonly rightAfter: boolean,
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return hasOtpPayment(model)
  }

  protected async act(model: Model, world: World): Promise<void> {
    world.simulator.faults.next({ ...this.fault, endpoint: 'verifyAndCompletePayment', count: 1 })
    model.faultsQueued += 1
    await new EnterOtpCommand(this.target, true).actFor(model, world)
    await world.passTime(FIRST_RECONCILE_MS)
    await new EnterOtpCommand(this.target, this.rightAfter).actFor(model, world)
  }

  toString(): string {
    return `lostVerification(#${this.target}: ${Object.values(this.fault).join(' ')}, then ${this.rightAfter ? 'right' : 'wrong'})`
  }
}
