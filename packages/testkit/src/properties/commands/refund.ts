import { violated } from '../invariants.js'
import { type Model, operationId, pick } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'
import { callMark, callsSince, expectOutcome, pickIn, statusNow } from './support.js'

/** Merchant: refunds part of what was captured (sometimes more than is left), or sends the last refund again. */
export class RefundCommand extends BaseCommand {
  constructor(
    readonly target: number,
    /** Share of the captured amount in thousandths. */
    readonly permille: number,
    readonly retry: boolean,
    /** Aim at a payment in the state the operation needs, when there is one. */
    readonly aimed: boolean,
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.length > 0
  }

  protected async act(model: Model, world: World): Promise<void> {
    const payment = this.aimed ? await pickIn(world, model, this.target, ['captured']) : pick(model, this.target)
    if (payment === undefined) return
    const before = await statusNow(world, payment.id)
    if (before === undefined) return
    const last = [...payment.refundIds].at(-1)
    const again = this.retry && last !== undefined
    const refundRequestId = again ? last[0] : operationId(model, payment, 'refund')
    const minor = again ? last[1] : Math.max(1, Math.floor((before.captured.minor * this.permille) / 1000))
    if (!payment.refundIds.has(refundRequestId)) payment.askedRefunds += minor
    payment.refundIds.set(refundRequestId, minor)
    const mark = callMark(world)
    const exit = await world.run((engine) =>
      engine.refund(payment.id, { refundRequestId, amount: { currency: before.amount.currency, minor } }),
    )
    const outcome = expectOutcome(`refund ${payment.id}`, exit, ['ok', 'IntentRejected'])
    const { faulted, endpoints } = callsSince(world, mark)
    const known = before.refunds.some((r) => r.refundRequestId === refundRequestId)
    const allowed = before.state === 'captured' && minor <= before.refundable.minor
    if (!known && !allowed) {
      const moved = exit._tag === 'Success' && exit.value.refunds.length !== before.refunds.length
      if (outcome !== 'IntentRejected' && moved) {
        violated(
          'intent-postcondition',
          `refund of ${minor} in ${before.state} (refundable ${before.refundable.minor})`,
        )
      }
      if (endpoints.includes('refund')) violated('intent-postcondition', `a refused refund of ${minor} was sent`)
    }
    if (!known && allowed && !faulted && exit._tag === 'Success') {
      if (exit.value.refunded.minor !== before.refunded.minor + minor) {
        violated(
          'intent-postcondition',
          `refund of ${minor}: refunded ${before.refunded.minor} → ${exit.value.refunded.minor}`,
        )
      }
    }
  }

  toString(): string {
    return `refund(#${this.target} ${this.permille}‰${this.retry ? ' retry' : ''}${this.aimed ? ' aimed' : ''})`
  }
}
