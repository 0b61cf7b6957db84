import type { Model } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'
import { pickIn, statusNow } from './support.js'

/** Merchant: refunds part of a payment in the gateway's dashboard, not through the engine; a notification follows. */
export class ExternalRefundCommand extends BaseCommand {
  constructor(
    readonly target: number,
    /** Share of what is left at the gateway, in thousandths; over 1000 asks for more (the gateway refuses). */
    readonly permille: number,
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.length > 0
  }

  protected async act(model: Model, world: World): Promise<void> {
    const payment = await pickIn(world, model, this.target, ['captured'])
    if (payment === undefined) return
    const remote = world.simulator.payment(payment.id)
    const local = await statusNow(world, payment.id)
    if (remote === undefined || local === undefined) return
    const minor = Math.max(1, Math.floor((remote.refundable.minor * this.permille) / 1000))
    const refunded = world.simulator.refundExternally(payment.id, { currency: remote.amount.currency, minor })
    // The merchant refunded this much themselves: nothing the engine counts may exceed it.
    if (refunded.ok) payment.askedRefunds += minor
  }

  toString(): string {
    return `externalRefund(#${this.target} ${this.permille}‰)`
  }
}
