import type { EngineShape } from '@paychart/core'
import type { Effect } from 'effect'
import { type Model, operationId, pick } from '../model.js'
import { INLINE_LEASE_MS, type World } from '../world.js'
import { BaseCommand } from './command.js'
import { expectOutcome, statusNow } from './support.js'

export type ConcurrentAction = 'customerReturned' | 'capture' | 'cancel' | 'refund' | 'relay' | 'notifications'

/**
 * Several handlers on one payment at once, in one process: the buyer returning, the merchant capturing, cancelling
 * or refunding, a relay pass and the webhook, each loading, transitioning and committing with compare-and-set.
 */
export class ConcurrentCommand extends BaseCommand {
  constructor(
    readonly target: number,
    readonly actions: ReadonlyArray<ConcurrentAction>,
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.length > 0
  }

  protected async act(model: Model, world: World): Promise<void> {
    const payment = pick(model, this.target)
    if (payment === undefined) return
    const before = await statusNow(world, payment.id)
    if (before === undefined) return
    const id = payment.id
    const currency = before.amount.currency
    const calls: Array<(engine: EngineShape) => Effect.Effect<unknown, unknown>> = []
    for (const action of this.actions) {
      switch (action) {
        case 'customerReturned':
          calls.push((e) => e.customerReturned(id))
          break
        case 'capture': {
          const captureRequestId = operationId(model, payment, 'capture')
          payment.captureIds.add(captureRequestId)
          calls.push((e) => e.capture(id, { captureRequestId }))
          break
        }
        case 'cancel':
          calls.push((e) => e.cancel(id))
          break
        case 'refund': {
          const minor = Math.max(1, Math.floor(before.refundable.minor / 2))
          const refundRequestId = operationId(model, payment, 'refund')
          payment.refundIds.set(refundRequestId, minor)
          payment.askedRefunds += minor
          calls.push((e) => e.refund(id, { refundRequestId, amount: { currency, minor } }))
          break
        }
        case 'relay':
          calls.push((e) => e.runRelay({ owner: 'concurrent-relay', leaseMs: INLINE_LEASE_MS, limit: 100 }))
          break
        case 'notifications':
          break
      }
    }
    const [exits] = await Promise.all([
      world.runConcurrently(calls),
      this.actions.includes('notifications') ? world.deliver() : Promise.resolve([]),
    ])
    for (const [i, exit] of exits.entries()) {
      expectOutcome(`concurrent #${i} on ${id}`, exit, ['ok', 'IntentRejected'])
    }
  }

  toString(): string {
    return `concurrent(#${this.target} ${this.actions.join(' ∥ ')})`
  }
}
