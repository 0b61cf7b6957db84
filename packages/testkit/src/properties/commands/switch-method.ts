import type { PaymentStatus } from '@paychart/core'
import type { Exit } from 'effect'
import * as Effect from 'effect/Effect'
import type { PaymentSpec } from '../../arbitraries/index.js'
import { type Model, newModelPayment, pick } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'
import { attemptInputOf, attemptPaymentInput, cardSecretsOf } from './create-payment.js'
import { nextAttemptOf, recordAttempt, whileStarting } from './retry-order.js'
import { expectOutcome } from './support.js'

/** The sandbox's approved VISA. */
const APPROVED_CARD = '4054695723100768'

/**
 * A race between two attempts of one order: the buyer, waiting on a wallet's page or a 3DS challenge, finishes it
 * (in another tab) while the merchant, told the buyer chose a card instead, starts a card attempt in its place.
 * Either may win; the order must not end paid twice.
 */
export class SwitchMethodCommand extends BaseCommand {
  constructor(
    readonly target: number,
    readonly outcome: 'pass' | 'fail',
    /** Scheduler turns the buyer's finish waits: where it lands among the engine's steps. */
    readonly buyerDelay: number,
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.some((p) => p.spec.kind === 'wallet' || p.spec.kind === 'card3ds')
  }

  protected async act(model: Model, world: World): Promise<void> {
    const open = model.payments.filter((p) => p.spec.kind === 'wallet' || p.spec.kind === 'card3ds')
    const chosen = pick({ ...model, payments: open }, this.target)
    if (chosen === undefined) return
    const next = await nextAttemptOf(model, world, chosen.order)
    if (next === undefined || next.last.id !== chosen.id) return
    const remote = world.simulator.payment(chosen.id)
    if (remote === undefined) return
    const { attempts, first, attempt, id } = next
    const spec: PaymentSpec = {
      kind: 'cardSuccess',
      captureMode: 'AUTOMATIC',
      amount: first.spec.amount,
      cardNo: APPROVED_CARD,
    }
    const input = attemptPaymentInput(id, spec, chosen.order, attempt)
    const buyerFinishes = Effect.gen(
      function* (this: SwitchMethodCommand) {
        for (let turn = 0; turn < this.buyerDelay; turn++) yield* Effect.yieldNow
        const done =
          chosen.spec.kind === 'wallet'
            ? world.simulator.completeWallet(remote.paymentId, this.outcome)
            : world.simulator.completeChallenge(remote.paymentId, this.outcome)
        if (done.ok && chosen.buyer === 'none') chosen.buyer = this.outcome === 'pass' ? 'passed' : 'failed'
      }.bind(this),
    )
    model.racedOrders.add(chosen.order)
    const expected = newModelPayment(id, spec, input, chosen.order, attempt)
    const [exit] = await whileStarting(model, world, expected, () =>
      world.runConcurrently([
        (engine) =>
          engine.startAttempt(chosen.order, attemptInputOf(input), cardSecretsOf(spec), { replaceOpen: true }),
        () => buyerFinishes,
      ]),
    )
    const outcome = expectOutcome(`switch ${chosen.id} to a card`, exit as Exit.Exit<unknown, unknown>, [
      'ok',
      'OrderAttemptRefused',
      'IntentRejected',
    ])
    await recordAttempt(model, world, expected, attempts, exit as Exit.Exit<PaymentStatus, unknown>, outcome)
  }

  toString(): string {
    return `switchMethod(#${this.target} buyer ${this.outcome} after ${this.buyerDelay} turns ∥ card attempt)`
  }
}
