import { type Model, pick } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'
import { expectOutcome } from './support.js'

/** Buyer: pays, fails or leaves pending on the wallet's page, then comes back to the shop (or not). */
export class PayWalletCommand extends BaseCommand {
  constructor(
    readonly target: number,
    readonly outcome: 'pass' | 'fail' | 'pending',
    readonly returns: boolean,
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.some((p) => p.spec.kind === 'wallet')
  }

  protected async act(model: Model, world: World): Promise<void> {
    const payment = pick({ ...model, payments: model.payments.filter((p) => p.spec.kind === 'wallet') }, this.target)
    if (payment === undefined) return
    const remote = world.simulator.payment(payment.id)
    if (remote === undefined) return
    const completed = world.simulator.completeWallet(remote.paymentId, this.outcome)
    if (completed.ok && payment.buyer === 'none' && this.outcome !== 'pending') {
      payment.buyer = this.outcome === 'pass' ? 'passed' : 'failed'
    }
    if (!this.returns) return
    const exit = await world.run((engine) => engine.customerReturned(payment.id))
    expectOutcome(`customerReturned ${payment.id}`, exit, ['ok', 'IntentRejected'])
  }

  toString(): string {
    return `payWallet(#${this.target} ${this.outcome}${this.returns ? ' returns' : ''})`
  }
}
