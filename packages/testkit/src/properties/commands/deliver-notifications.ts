import { violated } from '../invariants.js'
import type { Model } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'

export type DeliveryMode = 'all' | 'together' | 'firstOnly' | 'unacknowledged'

/**
 * Gateway → merchant: the notifications due now are posted to the webhook. `firstOnly` handles one and leaves the
 * rest unanswered (they come again later); `unacknowledged` handles them all but the acknowledgement is lost;
 * `together` posts them all at once, as a gateway does for many payments, so their commits meet in one turn.
 */
export class DeliverNotificationsCommand extends BaseCommand {
  constructor(readonly mode: DeliveryMode) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.length > 0
  }

  protected async act(_model: Model, world: World): Promise<void> {
    const outcomes = await world.deliver(
      this.mode === 'firstOnly'
        ? { limit: 1 }
        : this.mode === 'unacknowledged'
          ? { acknowledge: false }
          : this.mode === 'together'
            ? { together: true }
            : {},
    )
    if (outcomes.includes('failed')) violated('no-unexpected-failure', `a notification failed: ${outcomes.join(', ')}`)
  }

  toString(): string {
    return `deliver(${this.mode})`
  }
}
