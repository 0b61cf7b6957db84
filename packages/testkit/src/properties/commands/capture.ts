import { violated } from '../invariants.js'
import { type Model, operationId, pick } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'
import { callMark, callsSince, expectOutcome, pickIn, statusNow } from './support.js'

/** Merchant: captures part or all of the authorization, under a new request id or again under the last one. */
export class CaptureCommand extends BaseCommand {
  constructor(
    readonly target: number,
    /** Share of the authorized amount in thousandths; over 1000 asks for more than was authorized. */
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
    const payment = this.aimed ? await pickIn(world, model, this.target, ['authorized']) : pick(model, this.target)
    if (payment === undefined) return
    const before = await statusNow(world, payment.id)
    if (before === undefined) return
    const last = [...payment.captureIds].at(-1)
    const captureRequestId = this.retry && last !== undefined ? last : operationId(model, payment, 'capture')
    payment.captureIds.add(captureRequestId)
    const authorized = before.authorized?.minor ?? before.amount.minor
    const minor = Math.max(1, Math.floor((authorized * this.permille) / 1000))
    const mark = callMark(world)
    const exit = await world.run((engine) =>
      engine.capture(payment.id, { captureRequestId, amount: { currency: before.amount.currency, minor } }),
    )
    const outcome = expectOutcome(`capture ${payment.id}`, exit, ['ok', 'IntentRejected'])
    const { faulted, endpoints } = callsSince(world, mark)
    const fresh = before.capture?.captureRequestId !== captureRequestId
    if (fresh && (before.state !== 'authorized' || minor > authorized)) {
      const moved = exit._tag === 'Success' && exit.value.state !== before.state
      if (outcome !== 'IntentRejected' && moved) {
        violated('intent-postcondition', `capture of ${minor} in ${before.state} (authorized ${authorized}) accepted`)
      }
      if (endpoints.includes('capture')) {
        violated('intent-postcondition', `capture of ${minor} in ${before.state} reached the gateway`)
      }
    }
    if (fresh && before.state === 'authorized' && minor <= authorized && !faulted && exit._tag === 'Success') {
      if (exit.value.state !== 'captured' || exit.value.captured.minor !== minor) {
        violated(
          'intent-postcondition',
          `capture of ${minor}: ${exit.value.state}, captured ${exit.value.captured.minor}`,
        )
      }
    }
  }

  toString(): string {
    return `capture(#${this.target} ${this.permille}‰${this.retry ? ' retry' : ''}${this.aimed ? ' aimed' : ''})`
  }
}
