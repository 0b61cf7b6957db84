import type { PaymentSpec } from '../../arbitraries/index.js'
import type { Model } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'
import { CreatePaymentCommand } from './create-payment.js'

const STEP_MS = 5 * 60_000
/** How long time runs on after the landing: past the hour the engine watches for a late pay, and a margin. */
const AFTER_LANDING_MS = 90 * 60_000

/**
 * What meets the refund that reverses the late success: nothing; answers that lie about its amount or currency; or its
 * first four sends lost on the way, past the sends a merchant's refund is given up after.
 */
export type ReversalFault = 'nothing' | 'amount' | 'currency' | 'sendsLost'

const REVERSAL_FAULT_TOLD: Readonly<Record<ReversalFault, string>> = {
  nothing: '',
  amount: '; refund answers lie about the amount',
  currency: '; refund answers lie about the currency',
  sendsLost: '; four refund sends lost',
}

/**
 * Transport and time: a card payment whose pay reaches the gateway only `afterMs` later, after the engine found no
 * trace of it and closed the payment; the notification the landing makes is lost; time runs on in the steps a relay
 * on a five-minute schedule takes. Only the engine's own looks in the watch that follows can find the money taken;
 * the refund that then reverses it may be answered with a lie, which it must hold as a conflict, or lost on its way,
 * which it must send again until the gateway has it.
 */
export class LatePayUnheardCommand extends BaseCommand {
  constructor(
    readonly spec: PaymentSpec,
    readonly afterMs: number,
    /** What meets the next refunds (the reversal's). */
    readonly reversal: ReversalFault,
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.length < 4 && model.faultsQueued < 3
  }

  protected async act(model: Model, world: World): Promise<void> {
    world.simulator.faults.next({ kind: 'landsLate', endpoint: 'pay', count: 1, afterMs: this.afterMs })
    model.faultsQueued += 1
    await new CreatePaymentCommand(this.spec).actFor(model, world)
    if (this.reversal === 'sendsLost')
      world.simulator.faults.next({ kind: 'timeoutBefore', endpoint: 'refund', count: 4 })
    else if (this.reversal !== 'nothing')
      world.simulator.faults.next({ kind: 'tamper', field: this.reversal, endpoint: 'refund', count: 3 })
    let passed = 0
    for (; passed + STEP_MS < this.afterMs; passed += STEP_MS) await world.passTime(STEP_MS)
    // The next notification the gateway sends is the landing's (other payments' may come first: then it is theirs).
    world.simulator.faults.nextNotifications({ kind: 'drop', count: 1 })
    for (; passed < this.afterMs + AFTER_LANDING_MS; passed += STEP_MS) await world.passTime(STEP_MS)
  }

  toString(): string {
    return `latePayUnheard(${this.spec.kind} ${this.spec.captureMode}: lands ${this.afterMs / 60_000} min late, its notice lost${REVERSAL_FAULT_TOLD[this.reversal]})`
  }
}
