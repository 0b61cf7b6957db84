import { restorePayment } from '@paychart/core/machine'
import { violated } from '../invariants.js'
import { type Model, pick } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'
import { callMark, callsSince, expectOutcome, storedNow } from './support.js'

/**
 * Buyer (or anyone holding the return URL): comes back to the shop `count` times at once. The return URL is public:
 * on a settled payment it writes nothing, and on a pending one the burst costs at most one inquiry.
 */
export class CustomerReturnsCommand extends BaseCommand {
  constructor(
    readonly target: number,
    readonly count: number,
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.length > 0
  }

  protected async act(model: Model, world: World): Promise<void> {
    const interleaved = world.interleaved()
    const payment = pick(model, this.target)
    if (payment === undefined) return
    const load = () => storedNow(world, payment.id)
    const before = await load()
    if (before === undefined) return
    model.returnBursts += 1
    const mark = callMark(world)
    const exits = await world.runConcurrently(
      Array.from({ length: this.count }, () => (e) => e.customerReturned(payment.id)),
    )
    for (const exit of exits) expectOutcome(`customerReturned ${payment.id}`, exit, ['ok', 'IntentRejected'])
    // Interleaved with other actions, their own calls and commits would be counted too.
    if (interleaved) return
    const { calls } = callsSince(world, mark)
    const inquiries = calls.filter((c) => c.endpoint === 'inquiryPayment').length
    if (inquiries > 1) {
      violated('customer-return-coalesced', `${this.count} returns to ${payment.id} made ${inquiries} inquiries`)
    }
    const after = await load()
    const settled = restorePayment(before.snapshot)
    if (
      !settled.hasTag('pending') &&
      !settled.hasTag('settling') &&
      after !== undefined &&
      after.version !== before.version &&
      calls.length === 0
    ) {
      violated(
        'customer-return-coalesced',
        `${this.count} returns to ${before.state} ${payment.id} wrote v${before.version} → v${after.version}`,
      )
    }
  }

  toString(): string {
    return `customerReturns(#${this.target} ×${this.count})`
  }
}
