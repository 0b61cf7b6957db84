import type { Model } from '../model.js'
import { INLINE_LEASE_MS, type World } from '../world.js'
import { BaseCommand } from './command.js'
import { halfOf, recordOutcome, requestFor } from './intents.js'
import { expectOutcome, pickIn, statusNow } from './support.js'

/**
 * Transport and time: the merchant captures or refunds, and the gateway takes `ms` (longer than the engine's lease)
 * to answer; when the lease lapses, a relay makes a pass, as another instance's would. No command may then be at the
 * gateway twice at once (`one-call-at-a-time`): the lease keeps every other relay off a command while its call waits.
 */
export class SlowCallCommand extends BaseCommand {
  constructor(
    readonly target: number,
    readonly kind: 'capture' | 'refund',
    readonly ms: number,
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.length > 0
  }

  protected async act(model: Model, world: World): Promise<void> {
    // Aimed at a payment the call can reach the gateway for, when there is one.
    const payment = await pickIn(world, model, this.target, this.kind === 'capture' ? ['authorized'] : ['captured'])
    if (payment === undefined) return
    const before = await statusNow(world, payment.id)
    if (before === undefined) return
    const minor =
      this.kind === 'capture' ? (before.authorized?.minor ?? before.amount.minor) : halfOf(before.refundable.minor)
    const request = requestFor(model, payment, this.kind, 'new', minor)
    const amount = { currency: before.amount.currency, minor }
    const started = world.slowNext(this.kind, this.ms)
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
    const first = await Promise.race([asked.then(() => 'answered' as const), started.then(() => 'waiting' as const)])
    if (first === 'waiting') {
      model.callsPastLease += 1
      // The lease lapses while the call waits: the engine's own timers due by then act, then a relay makes a pass.
      await world.passTime(INLINE_LEASE_MS + 1_000)
      await world.passTime(this.ms)
    } else world.cancelSlow()
    const exit = await asked
    const outcome = expectOutcome(`slow ${this.kind} ${payment.id}`, exit, ['ok', 'IntentRejected', 'RequestIdReused'])
    recordOutcome(model, payment, this.kind, request, false, exit, outcome)
  }

  toString(): string {
    return `slowCall(${this.kind} on #${this.target}, answered after ${this.ms / 1000} s)`
  }
}
