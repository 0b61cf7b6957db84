import { CUSTOMER_INQUIRY_INTERVAL_MS } from '@paychart/core/machine'
import { violated } from '../invariants.js'
import { type Model, pick } from '../model.js'
import { AUTO_CAPTURE_DELAY_MS, type World } from '../world.js'
import { BaseCommand } from './command.js'
import { callMark, callsSince, expectOutcome, statusNow } from './support.js'

/**
 * What the world loses as the challenge completes: the notification of the payment's own result (the gateway's
 * retries exhausted), whereupon any that follows it (an automatic capture's) is delivered at once; and with it, the
 * next inquiry (the one a capture told first sends for that result), which never reaches the gateway.
 */
export type LostWith3ds = 'nothing' | 'result' | 'resultAndInquiry'

/** Buyer: passes or fails the 3DS challenge on the gateway's page, then comes back to the shop (or not). */
export class Complete3dsCommand extends BaseCommand {
  constructor(
    readonly target: number,
    readonly outcome: 'pass' | 'fail',
    readonly returns: boolean,
    readonly lost: LostWith3ds = 'nothing',
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
    if (this.lost !== 'nothing') world.simulator.faults.nextNotifications({ kind: 'drop', count: 1 })

    const completed = world.simulator.completeChallenge(remote.paymentId, this.outcome)
    if (completed.ok && payment.buyer === 'none') payment.buyer = this.outcome === 'pass' ? 'passed' : 'failed'
    if (this.lost !== 'nothing') {
      // The gateway captures an automatic authorization a little after it; that notice arrives before the relay's next
      // pass asks anything.
      world.clock.advance(AUTO_CAPTURE_DELAY_MS)
      if (this.lost === 'resultAndInquiry') {
        model.faultsQueued += 1
        world.simulator.faults.next({ kind: 'timeoutBefore', endpoint: 'inquiryPayment' })
      }
      const outcomes = await world.deliver({})
      if (outcomes.includes('failed'))
        violated('no-unexpected-failure', `a notification failed: ${outcomes.join(', ')}`)
    }
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
    return `complete3ds(#${this.target} ${this.outcome}${this.returns ? ' returns' : ''}${this.lost === 'nothing' ? '' : `, lost: ${this.lost}`})`
  }
}
