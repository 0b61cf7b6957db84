import type { Model } from '../model.js'
import { INLINE_LEASE_MS, type World } from '../world.js'
import { BaseCommand } from './command.js'
import { pastLeaseIntent } from './intent-past-lease.js'

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
    const intent = await pastLeaseIntent(world, model, this.target, this.kind)
    if (intent === undefined) return
    const held = world.holdNext(intent.payment.id, 'answer')
    const asked = intent.ask()
    const first = await Promise.race([asked.then(() => 'answered' as const), held.reached.then(() => 'held' as const)])
    if (first === 'held') {
      model.answersHeldPastLease += 1
      // The lease lapses while the answer waits to be written: a relay sends the command again and commits first.
      await world.passTime(INLINE_LEASE_MS + 1_000)
      held.release()
    } else world.cancelHold()
    intent.record('held answer', await asked)
  }

  toString(): string {
    return `heldAnswer(${this.kind} on #${this.target} committed past its lease)`
  }
}
