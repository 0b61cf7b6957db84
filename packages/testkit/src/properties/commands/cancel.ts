import { violated } from '../invariants.js'
import { type Model, pick } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'
import { callMark, callsSince, expectOutcome, statusNow } from './support.js'

/** Merchant: cancels a payment. */
export class CancelCommand extends BaseCommand {
  constructor(readonly target: number) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.length > 0
  }

  protected async act(model: Model, world: World): Promise<void> {
    const payment = pick(model, this.target)
    if (payment === undefined) return
    const before = await statusNow(world, payment.id)
    if (before === undefined) return
    // A capture given up earlier may have landed unheard: the gateway then refuses to cancel a captured payment.
    const capturedAlready = (world.simulator.payment(payment.id)?.captured.minor ?? 0) > 0
    const mark = callMark(world)
    const exit = await world.run((engine) => engine.cancel(payment.id))
    expectOutcome(`cancel ${payment.id}`, exit, ['ok', 'IntentRejected'])
    const { faulted, endpoints } = callsSince(world, mark)
    if (before.tags.includes('terminal') && endpoints.includes('cancel')) {
      violated('intent-postcondition', `cancel of a ${before.state} payment reached the gateway`)
    }
    const cancellable = before.state === 'authorized' && !capturedAlready
    if (cancellable && !faulted && exit._tag === 'Success' && exit.value.state !== 'cancelled') {
      violated('intent-postcondition', `cancel of an authorized payment left it ${exit.value.state}`)
    }
  }

  toString(): string {
    return `cancel(#${this.target})`
  }
}
