import * as Effect from 'effect/Effect'
import { violated } from '../invariants.js'
import { type Model, pick } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'
import { callMark, callsSince, statusNow } from './support.js'

/** Buyer: walks away from the challenge, wallet or OTP page; the payment's expiry passes (relay on the way). */
export class AbandonCommand extends BaseCommand {
  constructor(readonly target: number) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.some((p) => p.spec.kind !== 'cardSuccess' && p.spec.kind !== 'cardDecline')
  }

  protected async act(model: Model, world: World): Promise<void> {
    const waiting = model.payments.filter((p) => p.spec.kind !== 'cardSuccess' && p.spec.kind !== 'cardDecline')
    const payment = pick({ ...model, payments: waiting }, this.target)
    if (payment === undefined) return
    const before = await statusNow(world, payment.id)
    if (payment.buyer === 'none') payment.buyer = 'abandoned'
    const mark = callMark(world)
    // Past the gateway's 14 minutes (and the engine's expiry timer), one minute at a time, the relay running.
    for (let minute = 0; minute < 16; minute++) {
      await world.passTime(60_000)
    }
    const after = await statusNow(world, payment.id)
    const { faulted } = callsSince(world, mark)
    if (payment.buyer === 'abandoned' && before !== undefined && before.tags.includes('awaitingCustomer') && !faulted) {
      // Still waiting (the gateway's own expiry may be later, after a resubmitted pay): then a timer must be set.
      const timers = await Effect.runPromise(world.store().pendingTimers(payment.id))
      if (after?.tags.includes('awaitingCustomer') && timers.length === 0) {
        violated('intent-postcondition', `abandoned ${payment.id} still ${after.state} after its expiry, no timer set`)
      }
    }
  }

  toString(): string {
    return `abandon(#${this.target})`
  }
}
