import { CUSTOMER_INQUIRY_INTERVAL_MS } from '@paychart/core/machine'
import { violated } from '../invariants.js'
import { type Model, pick } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'
import { callMark, callsSince, expectOutcome, statusNow } from './support.js'

/**
 * Buyer: passes or fails the 3DS challenge on the gateway's page, then comes back to the shop (or not). With
 * `resultLost`, the notification of the payment's own result is lost (the gateway's retries exhausted), while any
 * that follows it (an automatic capture's) arrives.
 */
export class Complete3dsCommand extends BaseCommand {
  constructor(
    readonly target: number,
    readonly outcome: 'pass' | 'fail',
    readonly returns: boolean,
    readonly resultLost = false,
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.some((p) => p.spec.kind === 'card3ds')
  }

  protected async act(model: Model, world: World): Promise<void> {
    const candidates = model.payments.filter((p) => p.spec.kind === 'card3ds')
    const payment = pick({ ...model, payments: candidates }, this.target)
    if (payment === undefined) return
    const remote = world.simulator.payment(payment.id)
    if (remote === undefined) return
    const before = await statusNow(world, payment.id)
    if (this.resultLost) world.simulator.faults.nextNotifications({ kind: 'drop', count: 1 })
    const completed = world.simulator.completeChallenge(remote.paymentId, this.outcome)
    if (completed.ok && payment.buyer === 'none') payment.buyer = this.outcome === 'pass' ? 'passed' : 'failed'
    if (!this.returns) return
    // A return inquires at most once an interval: one that came just before (a burst of returns) answers for it.
    const lastInquiry = world.simulator
      .calls()
      .filter((c) => c.endpoint === 'inquiryPayment' && c.paymentRequestId === payment.id)
      .at(-1)
    const coalesced = lastInquiry !== undefined && world.clock.now() - lastInquiry.at < CUSTOMER_INQUIRY_INTERVAL_MS
    const mark = callMark(world)
    const exit = await world.run((engine) => engine.customerReturned(payment.id))
    expectOutcome(`customerReturned ${payment.id}`, exit, ['ok', 'IntentRejected'])
    const { faulted } = callsSince(world, mark)
    if (completed.ok && before?.state === 'awaitingCustomer' && !faulted && !coalesced && exit._tag === 'Success') {
      const expected =
        this.outcome === 'fail'
          ? ['failed']
          : payment.spec.captureMode === 'MANUAL'
            ? ['authorized']
            : ['capturing', 'captured']
      if (!expected.includes(exit.value.state)) {
        violated('intent-postcondition', `3DS ${this.outcome} then return: ${exit.value.state}, expected ${expected}`)
      }
    }
  }

  toString(): string {
    return `complete3ds(#${this.target} ${this.outcome}${this.returns ? ' returns' : ''}${this.resultLost ? ', result lost' : ''})`
  }
}
