import { attemptRequestId, type PaymentStatus } from '@paychart/core'
import * as Exit from 'effect/Exit'
import type { PaymentSpec } from '../../arbitraries/index.js'
import { violated } from '../invariants.js'
import { type Model, newModelPayment } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'
import { attemptInputOf, attemptPaymentInput, cardSecretsOf } from './create-payment.js'
import { whileStarting } from './retry-order.js'
import { callMark, callsSince, outcomeOf, statusNow } from './support.js'

/**
 * The buyer clicks pay twice: the same attempt of a new order is started twice at once, with the same input and card
 * data. It is submitted once: at least one start answers its status, the other that or the attempt refused as open
 * (a cancel landing meanwhile may refuse both), and the gateway gets one submission. Over a real database nothing
 * orders the two: the second may read the order only once the first attempt was declined, and then rightly starts the
 * next attempt, as a buyer paying again after a decline does.
 */
export class DoubleCreateCommand extends BaseCommand {
  constructor(readonly spec: PaymentSpec) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.length < 4
  }

  protected async act(model: Model, world: World): Promise<void> {
    if (this.spec.kind === 'wallet' && this.spec.captureMode === 'MANUAL') return
    // Interleaved, a cancel may land between the create and its submission: the submission is then refused.
    const interleaved = world.interleaved()
    const order = `ORD-${model.nextPayment++}`
    const id = attemptRequestId(order, 1)
    const input = attemptPaymentInput(id, this.spec, order, 1)
    model.payments.push(newModelPayment(id, this.spec, input, order, 1))
    // A cancel landing before the second start (interleaved), or a decline before it reads the order, makes it start
    // the next attempt: known before it runs, forgotten after if it was not made.
    const nextId = attemptRequestId(order, 2)
    const next = newModelPayment(nextId, this.spec, attemptPaymentInput(nextId, this.spec, order, 2), order, 2)
    const mark = callMark(world)
    const exits = await whileStarting(model, world, next, () =>
      world.runConcurrently([
        (engine) => engine.startAttempt(order, attemptInputOf(input), cardSecretsOf(this.spec)),
        (engine) => engine.startAttempt(order, attemptInputOf(input), cardSecretsOf(this.spec)),
      ]),
    )
    const outcomes = exits.map(outcomeOf)
    const firstState = (await statusNow(world, id))?.state
    const cancelled = interleaved && firstState === 'cancelled'
    const allowed = cancelled ? ['ok', 'OrderAttemptRefused', 'IntentRejected'] : ['ok', 'OrderAttemptRefused']
    if (!outcomes.every((outcome) => allowed.includes(outcome)) || (!cancelled && !outcomes.includes('ok'))) {
      const causes = exits.filter(Exit.isFailure).map((exit) => String(exit.cause))
      violated('no-unexpected-failure', `create ${id} twice at once: ${outcomes.join(', ')} (${causes.join('; ')})`)
    }
    const acted = callsSince(world, mark).calls.filter(
      (call) =>
        call.paymentRequestId === id &&
        (call.endpoint === 'pay' || call.endpoint === 'createPaymentSession') &&
        call.acted &&
        !call.replayed,
    )
    if (acted.length > 1)
      violated('intent-postcondition', `create ${id} twice at once: submitted ${acted.length} times`)
    for (const exit of exits) {
      const answered = Exit.isSuccess(exit) ? (exit.value as PaymentStatus).paymentRequestId : undefined
      const nextAllowed = interleaved || firstState === 'failed'
      if (answered !== undefined && answered !== id && !(nextAllowed && answered === nextId)) {
        violated('intent-postcondition', `create ${id} twice at once: answered ${answered}`)
      }
    }
  }

  toString(): string {
    const { kind, method, captureMode, amount } = this.spec
    return `doubleCreate(${method ?? kind} ${captureMode} ${amount.minor}${amount.currency})`
  }
}
