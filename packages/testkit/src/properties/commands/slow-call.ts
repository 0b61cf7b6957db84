import type { Model } from '../model.js'
import { INLINE_LEASE_MS, type World } from '../world.js'
import { BaseCommand } from './command.js'
import { pastLeaseIntent } from './intent-past-lease.js'

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
    const intent = await pastLeaseIntent(world, model, this.target, this.kind)
    if (intent === undefined) return
    const started = world.slowNext(this.kind, this.ms)
    const asked = intent.ask()
    const first = await Promise.race([asked.then(() => 'answered' as const), started.then(() => 'waiting' as const)])
    if (first === 'waiting') {
      model.callsPastLease += 1
      // The lease lapses while the call waits: the engine's own timers due by then act, then a relay makes a pass.
      await world.passTime(INLINE_LEASE_MS + 1_000)
      await world.passTime(this.ms)
    } else world.cancelSlow()
    intent.record('slow', await asked)
  }

  toString(): string {
    return `slowCall(${this.kind} on #${this.target}, answered after ${this.ms / 1000} s)`
  }
}
