import { violated } from '../invariants.js'
import { type Model, pick } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'
import { type IdMode, recordOutcome, requestFor } from './intents.js'
import { callMark, callsSince, expectOutcome, pickIn, statusNow } from './support.js'

/** Merchant: captures part or all of the authorization, named as `idMode` says (see `IdMode`). */
export class CaptureCommand extends BaseCommand {
  constructor(
    readonly target: number,
    /** Share of the authorized amount in thousandths; over 1000 asks for more than was authorized. */
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
    const payment = this.aimed ? await pickIn(world, model, this.target, ['authorized']) : pick(model, this.target)
    if (payment === undefined) return
    const before = await statusNow(world, payment.id)
    if (before === undefined) return
    // A capture given up earlier may have landed unheard: the gateway captures a payment once, so it refuses this one,
    // and the earlier capture, for its own amount, is the payment's.
    const capturedAlready = world.simulator.payment(payment.id)?.captured.minor ?? 0
    const authorized = before.authorized?.minor ?? before.amount.minor
    const request = requestFor(
      model,
      payment,
      'capture',
      this.idMode,
      Math.max(1, Math.floor((authorized * this.permille) / 1000)),
    )
    const { requestId, minor } = request
    const mark = callMark(world)
    const amount = { currency: before.amount.currency, minor }
    const exit = await world.run((engine) =>
      engine.capture(payment.id, requestId === undefined ? { amount } : { captureRequestId: requestId, amount }),
    )
    const outcome = expectOutcome(`capture ${payment.id}`, exit, ['ok', 'IntentRejected', 'RequestIdReused'])
    const knownBefore = requestId !== undefined && before.capture?.captureRequestId === requestId
    recordOutcome(model, payment, 'capture', request, knownBefore, exit, outcome)
    const { faulted, endpoints } = callsSince(world, mark)
    const fresh =
      requestId === undefined
        ? before.capture === undefined || before.capture.status === 'failed'
        : before.capture?.captureRequestId !== requestId
    if (fresh && (before.state !== 'authorized' || minor > authorized)) {
      const moved = exit._tag === 'Success' && exit.value.state !== before.state
      if (outcome === 'ok' && moved) {
        violated('intent-postcondition', `capture of ${minor} in ${before.state} (authorized ${authorized}) accepted`)
      }
      if (endpoints.includes('capture')) {
        violated('intent-postcondition', `capture of ${minor} in ${before.state} reached the gateway`)
      }
    }
    // While a conflict is open (an earlier report lied), the machine holds every report until an inquiry decides.
    const conflicted = before.conflicts.some((c) => c.resolvedAt === undefined)
    if (
      fresh &&
      before.state === 'authorized' &&
      minor <= authorized &&
      !faulted &&
      !conflicted &&
      exit._tag === 'Success'
    ) {
      const expected = capturedAlready > 0 ? capturedAlready : minor
      if (exit.value.state !== 'captured' || exit.value.captured.minor !== expected) {
        violated(
          'intent-postcondition',
          `capture of ${minor}: ${exit.value.state}, captured ${exit.value.captured.minor}`,
        )
      }
    }
  }

  toString(): string {
    return `capture(#${this.target} ${this.permille}‰ ${this.idMode}${this.aimed ? ' aimed' : ''})`
  }
}
