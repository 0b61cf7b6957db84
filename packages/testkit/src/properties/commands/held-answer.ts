import type { Model } from '../model.js'
import { INLINE_LEASE_MS, type World } from '../world.js'
import { BaseCommand } from './command.js'
import { halfOf, recordOutcome, requestFor } from './intents.js'
import { expectOutcome, pickIn, statusNow } from './support.js'

/**
 * The gateway answers a capture or a refund in time, but the commit of its answer is held back past the engine's
 * lease (a paused process, a slow database): a relay takes the command over, sends it again and commits its answer
 * first. The older answer, committed after it, would take the payment back to what it said (`answers-in-order`).
 */
export class HeldAnswerCommand extends BaseCommand {
  constructor(
    readonly target: number,
    readonly kind: 'capture' | 'refund',
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.length > 0
  }

  protected async act(model: Model, world: World): Promise<void> {
    const payment = await pickIn(world, model, this.target, this.kind === 'capture' ? ['authorized'] : ['captured'])
    if (payment === undefined) return
    const before = await statusNow(world, payment.id)
    if (before === undefined) return
    const minor =
      this.kind === 'capture' ? (before.authorized?.minor ?? before.amount.minor) : halfOf(before.refundable.minor)
    const request = requestFor(model, payment, this.kind, 'new', minor)
    const amount = { currency: before.amount.currency, minor }
    const held = world.holdNext(payment.id, 'answer')
    const asked = world.run((engine) =>
      this.kind === 'capture'
        ? engine.capture(payment.id, {
            amount,
            ...(request.requestId === undefined ? {} : { captureRequestId: request.requestId }),
          })
        : engine.refund(payment.id, {
            amount,
            ...(request.requestId === undefined ? {} : { refundRequestId: request.requestId }),
          }),
    )
    const first = await Promise.race([asked.then(() => 'answered' as const), held.reached.then(() => 'held' as const)])
    if (first === 'held') {
      model.answersHeldPastLease += 1
      // The lease lapses while the answer waits to be written: a relay sends the command again and commits first.
      await world.passTime(INLINE_LEASE_MS + 1_000)
      held.release()
    } else world.cancelHold()
    const exit = await asked
    const outcome = expectOutcome(`held ${this.kind} answer ${payment.id}`, exit, [
      'ok',
      'IntentRejected',
      'RequestIdReused',
    ])
    recordOutcome(model, payment, this.kind, request, false, exit, outcome)
  }

  toString(): string {
    return `heldAnswer(${this.kind} on #${this.target} committed past its lease)`
  }
}
