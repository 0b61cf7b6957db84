import type { CallFault } from '../../simulator/faults.js'
import type { Model } from '../model.js'
import type { World } from '../world.js'
import { BackToBackCommand } from './back-to-back.js'
import { CaptureCommand } from './capture.js'
import { BaseCommand } from './command.js'
import { FaultedIntentCommand } from './faulted-intent.js'
import { loseInquiriesFrom } from './lost-a-day-on.js'

/**
 * Inquiries about the send the gateway loses (time out before they reach it), `count` in a row from `fromMs` after the
 * first send: from its landing, or a day on, when only the last look a day past the watch still asks.
 */
export interface InquiriesLost {
  readonly fromMs: number
  readonly count: number
}

/**
 * Transport and merchant: a capture or a refund whose first send reaches the gateway only `afterMs` later, and whose
 * resends leave no trace (`fault`), so the engine gives it up; then time passes, in one stretch (a relay that did not
 * run meanwhile) or in `pauseSteps` relay passes, while the first send lands, its notification sent or lost, and the
 * inquiries about it `lost` from a given time on.
 */
export class LandsAfterGivenUpCommand extends BaseCommand {
  constructor(
    readonly kind: 'capture' | 'refund',
    readonly fault: CallFault,
    readonly afterMs: number,
    readonly pauseMs: number,
    /** Whether the notification the landing send makes is lost: then only an inquiry can tell of it. */
    readonly noticeLost: boolean,
    readonly target: number,
    readonly pauseSteps = 1,
    readonly lost?: InquiriesLost,
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.length > 0
  }

  protected async act(model: Model, world: World): Promise<void> {
    if (this.lost !== undefined) {
      const endpoint = this.kind === 'refund' ? 'inquiryRefund' : 'inquiryPayment'
      loseInquiriesFrom(world, endpoint, this.lost.fromMs, this.lost.count)
    }
    world.simulator.faults.next({ kind: 'landsLate', endpoint: this.kind, count: 1, afterMs: this.afterMs })
    model.faultsQueued += 1
    await new FaultedIntentCommand(this.kind, this.fault, 2, 'call', this.target).actFor(model, world)
    if (this.noticeLost) world.simulator.faults.nextNotifications({ kind: 'drop', count: 1 })
    for (let step = 0; step < this.pauseSteps; step++) await world.passTime(this.pauseMs / this.pauseSteps)
  }

  toString(): string {
    const fault = Object.values(this.fault).join(' ')
    const lost =
      this.lost === undefined ? '' : `; ${this.lost.count} inquiries lost from ${this.lost.fromMs / 60_000} min on`
    return `landsAfterGivenUp(${this.kind} #${this.target}: first send ${this.afterMs / 60_000} min late; then ${fault} ×2; pause ${this.pauseMs / 60_000} min${this.pauseSteps > 1 ? ` in ${this.pauseSteps} relay passes` : ''}${this.noticeLost ? '; its notice lost' : ''}${lost})`
  }
}

/**
 * A capture given up that lands `afterMs` on unheard: its notice lost, two hours passing in a relay's 24 passes, and
 * the inquiries from the landing on lost. What a capture asked again then meets (refused for the payment's status).
 */
export const captureLandsUnheard = (fault: CallFault, afterMs: number, target: number) =>
  new LandsAfterGivenUpCommand('capture', fault, afterMs, 2 * 3_600_000, true, target, 24, {
    fromMs: afterMs,
    count: 4,
  })

/**
 * A capture given up that lands unheard (see `captureLandsUnheard`), and the merchant, told it failed, capturing again
 * at once (`permille` of the authorization, all by default): the gateway refuses that one for the payment's status.
 */
export const capturedAgainAfterLanding = (fault: CallFault, afterMs: number, target: number, permille = 1000) =>
  new BackToBackCommand(captureLandsUnheard(fault, afterMs, target), new CaptureCommand(target, permille, 'new', false))
