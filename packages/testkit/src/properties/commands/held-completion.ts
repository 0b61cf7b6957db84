import type { Model } from '../model.js'
import { INLINE_LEASE_MS, type World } from '../world.js'
import { BaseCommand } from './command.js'
import { hasSession, sessionAimedAt } from './pay-on-checkout-page.js'

/** How long the relay's call of the command waits at the gateway: inside its lease, past the held write's release. */
const RELAY_CALL_MS = 20_000

/**
 * The buyer pays a Checkout Page session with a wallet; the notification's commit publishes the success and asks the
 * gateway for the payment's own result (its paymentId came from the notification only). Marking the published events
 * done waits past the engine's lease on that inquiry (a paused process, a slow database): a relay takes the inquiry
 * over and is still waiting on the gateway when the write goes on. The inline run must see that its lease lapsed and
 * leave the inquiry to the relay, not send it beside it (`one-call-at-a-time`).
 */
export class HeldCompletionCommand extends BaseCommand {
  constructor(readonly target: number) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return hasSession(model)
  }

  protected async act(model: Model, world: World): Promise<void> {
    const session = await sessionAimedAt(world, model, this.target)
    if (session === undefined) return
    const { payment, sessionId } = session
    if (sessionId === undefined || !world.simulator.completeCheckout(sessionId, { method: 'ALIPAY_CN' }).ok) return
    if (payment.buyer === 'none') payment.buyer = 'passed'
    const held = world.holdNext(payment.id, 'completion')
    const relayCalls = world.slowNext('inquiryPayment', RELAY_CALL_MS)
    const delivering = world.deliver()
    const first = await Promise.race([
      delivering.then(() => 'delivered' as const),
      held.reached.then(() => 'held' as const),
    ])
    if (first === 'held') {
      model.completionsHeldPastLease += 1
      const passing = world.passTime(INLINE_LEASE_MS + 1_000)
      const relayWaiting = await Promise.race([relayCalls.then(() => true), passing.then(() => false)])
      held.release()
      if (relayWaiting) {
        // The relay's call answers once its time at the gateway has passed.
        world.clock.set(world.clock.now() + RELAY_CALL_MS)
        await world.settleTimers()
      }
      await passing
    } else world.cancelHold()
    world.cancelSlow()
    await delivering
  }

  toString(): string {
    return `heldCompletion(#${this.target} pays on the Checkout Page and its events are marked done past the lease)`
  }
}
