import type { PaymentSpec } from '../../arbitraries/index.js'
import type { Model } from '../model.js'
import type { World } from '../world.js'
import { CancelCommand } from './cancel.js'
import { BaseCommand } from './command.js'
import { CreatePaymentCommand } from './create-payment.js'
import { ExternalRefundCommand } from './external-refund.js'

const STEP_MS = 5_000

/**
 * Transport and merchant: a card payment whose pay reaches the gateway only after the merchant's cancel closed the
 * payment (ORDER_NOT_EXIST); the gateway takes the money (and captures it, automatic capture), and `refundAfterMs`
 * after the cancel the merchant refunds it in the gateway's dashboard: before the engine reverses the late success,
 * or after (then the gateway refuses what is no longer there).
 */
export class LateSuccessRefundedInDashboardCommand extends BaseCommand {
  constructor(
    readonly spec: PaymentSpec,
    readonly refundAfterMs: number,
    /** Share of what is left at the gateway, in thousandths. */
    readonly permille: number,
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.length < 4 && model.faultsQueued < 3
  }

  protected async act(model: Model, world: World): Promise<void> {
    world.simulator.faults.next({ kind: 'landsLate', endpoint: 'pay', count: 1 })
    model.faultsQueued += 1
    await new CreatePaymentCommand(this.spec).actFor(model, world)
    const target = model.payments.length - 1
    await new CancelCommand(target).actFor(model, world)
    for (let passed = 0; passed < this.refundAfterMs; passed += STEP_MS) {
      await world.passTime(Math.min(STEP_MS, this.refundAfterMs - passed))
    }
    await new ExternalRefundCommand(target, this.permille).actFor(model, world)
  }

  toString(): string {
    return `lateSuccessRefundedInDashboard(${this.spec.kind} ${this.spec.captureMode}: cancelled before its pay landed, ${this.permille}‰ refunded in the dashboard ${this.refundAfterMs / 1000} s on)`
  }
}
