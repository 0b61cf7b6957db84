import { violated } from '../invariants.js'
import { type Model, pick } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'
import { type IdMode, recordOutcome, requestFor } from './intents.js'
import { callMark, callsSince, expectOutcome, pickIn, statusNow } from './support.js'

/** Merchant: refunds part of what was captured (sometimes more than is left), named as `idMode` says. */
export class RefundCommand extends BaseCommand {
  constructor(
    readonly target: number,
    /** Share of the captured amount in thousandths. */
    readonly permille: number,
    readonly idMode: IdMode,
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
    const asked = Math.max(1, Math.floor((before.captured.minor * this.permille) / 1000))
    const request = requestFor(model, payment, 'refund', this.idMode, asked)
    const { requestId, minor } = request
    // A refund made in the gateway's dashboard may have taken what is left before its notification arrived.
    const fitsAtGateway = (world.simulator.payment(payment.id)?.refundable.minor ?? 0) >= minor
    const mark = callMark(world)
    const amount = { currency: before.amount.currency, minor }
    const exit = await world.run((engine) =>
      engine.refund(payment.id, requestId === undefined ? { amount } : { refundRequestId: requestId, amount }),
    )
    const outcome = expectOutcome(`refund ${payment.id}`, exit, ['ok', 'IntentRejected', 'RequestIdReused'])
    const known = requestId !== undefined && before.refunds.some((r) => r.refundRequestId === requestId)
    recordOutcome(model, payment, 'refund', request, known, exit, outcome)
    const { faulted, endpoints } = callsSince(world, mark)
    const allowed = before.state === 'captured' && minor <= before.refundable.minor
    if (!known && !allowed) {
      const moved = exit._tag === 'Success' && exit.value.refunds.length !== before.refunds.length
      if (outcome === 'ok' && moved) {
        violated(
          'intent-postcondition',
          `refund of ${minor} in ${before.state} (refundable ${before.refundable.minor})`,
        )
      }
      if (endpoints.includes('refund')) violated('intent-postcondition', `a refused refund of ${minor} was sent`)
    }
    if (!known && allowed && fitsAtGateway && !faulted && exit._tag === 'Success') {
      // Refunds asked before and still pending may settle meanwhile: their answers may still have been on their way.
      const settledMeanwhile = exit.value.refunds
        .filter(
          (r) =>
            r.status === 'succeeded' &&
            before.refunds.some((b) => b.refundRequestId === r.refundRequestId && b.status === 'pending'),
        )
        .reduce((sum, r) => sum + r.amount.minor, 0)
      if (exit.value.refunded.minor !== before.refunded.minor + minor + settledMeanwhile) {
        violated(
          'intent-postcondition',
          `refund of ${minor}: refunded ${before.refunded.minor} → ${exit.value.refunded.minor} (${settledMeanwhile} of refunds pending before)`,
        )
      }
    }
  }

  toString(): string {
    return `refund(#${this.target} ${this.permille}‰ ${this.idMode}${this.aimed ? ' aimed' : ''})`
  }
}
