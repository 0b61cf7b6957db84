import { attemptRequestId, type EngineShape, type PaymentInput } from '@paychart/core'
import * as Exit from 'effect/Exit'
import type { PaymentSpec } from '../../arbitraries/index.js'
import { violated } from '../invariants.js'
import { type Model, newModelPayment } from '../model.js'
import { INLINE_LEASE_MS, type World } from '../world.js'
import type { FaultedWrite, WriteFault } from '../write-faults.js'
import { BaseCommand } from './command.js'
import { attemptInputOf, attemptPaymentInput, cardSecretsOf } from './create-payment.js'
import { whileStarting } from './retry-order.js'
import { callMark, callsSince, expectOutcome, statusNow } from './support.js'

/**
 * Merchant and store: a payment is created, and the store fails its create or the commit of its submission, before it
 * writes or with its answer lost. The merchant, told `StoreUnavailable`, starts the attempt again with the same input
 * and card data. The payment must go on either way: created and submitted by the retry as far as it was not written,
 * refused as an open attempt once its submission was (it runs when its lease lapses). It never stays a draft. Or the
 * merchant never asks again (the buyer left): a draft may stay, but its card data leaves memory once it expires.
 */
export class CreateUnderStoreFaultCommand extends BaseCommand {
  constructor(
    readonly spec: PaymentSpec,
    readonly write: FaultedWrite,
    readonly fault: WriteFault,
    /**
     * Started again with the same input, or another (an expiry computed anew, as merchants' code often does), or
     * both at once (a client sending the first request again while the page submits anew), or never.
     */
    readonly retry: 'same' | 'other' | 'both' | 'never',
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.length < 4
  }

  protected async act(model: Model, world: World): Promise<void> {
    // Interleaved, another command's commit of the same payment could meet the fault.
    if (world.interleaved()) return
    if (this.spec.kind === 'wallet' && this.spec.captureMode === 'MANUAL') return
    const order = `ORD-${model.nextPayment++}`
    const id = attemptRequestId(order, 1)
    const input = attemptPaymentInput(id, this.spec, order, 1)
    model.payments.push(newModelPayment(id, this.spec, input, order, 1))
    const start = (given: typeof input) =>
      world.run((engine) => engine.startAttempt(order, attemptInputOf(given), cardSecretsOf(this.spec)))
    world.failNextWrite(id, this.fault, this.write)
    const first = await start(input)
    const failed = world.disarmWriteFault()
    const what = `create ${id} with its ${this.write === 'create' ? 'create' : 'submission'} ${this.fault}`
    const firstOutcome = expectOutcome(what, first, [failed ? 'StoreUnavailable' : 'ok'])
    if (firstOutcome === 'StoreUnavailable' && this.retry === 'never') {
      // Nothing of it written: there is no payment. Its create written alone: a draft nothing moves.
      if (this.write === 'create' && this.fault === 'beforeWrite') model.payments.pop()
      else {
        const payment = model.payments.at(-1)
        if (payment !== undefined) payment.leftADraft = true
      }
      return
    }
    if (firstOutcome === 'StoreUnavailable' && this.retry === 'both')
      await this.startedTwiceAgain(model, world, order, input)
    else if (firstOutcome === 'StoreUnavailable') {
      const { other, nextInput } = this.renewed(world, input, order)
      // Its submission written, the attempt is open, and runs; else the retry creates or submits what is missing. A
      // draft of the first input (its create written) cannot be submitted by another: cancelled, never sent, the
      // order's next attempt takes the new input.
      const submitted = this.write === 'commit' && this.fault === 'answerLost'
      const drafted = this.write === 'commit' || this.fault === 'answerLost'
      const replaced = this.retry === 'other' && drafted && !submitted
      const expected = replaced ? nextInput.paymentRequestId : id
      const startAgain = () => start(this.retry === 'same' ? input : other)
      // Made anew of the other input (nothing of the first was written): the model's payment is of that input.
      if (this.retry === 'other' && !drafted) {
        const index = model.payments.findIndex((p) => p.id === id)
        if (index >= 0) model.payments[index] = newModelPayment(id, this.spec, other, order, 1)
      }
      const again = replaced
        ? await whileStarting(model, world, newModelPayment(expected, this.spec, nextInput, order, 2), startAgain)
        : await startAgain()
      expectOutcome(`${what}, started again`, again, [submitted ? 'OrderAttemptRefused' : 'ok'])
      const answered = Exit.isSuccess(again) ? again.value.paymentRequestId : undefined
      if (answered !== undefined && answered !== expected) {
        violated('intent-postcondition', `${what}, started again with ${this.retry} input: answered ${answered}`)
      }
      if (replaced && (await statusNow(world, id))?.state !== 'cancelled') {
        violated('intent-postcondition', `${what}: the draft of the first input was not cancelled`)
      }
    }
    await world.passTime(INLINE_LEASE_MS + 1_000)
    const status = await statusNow(world, id)
    if (status?.state === 'draft') violated('intent-postcondition', `create ${id}: left a draft, never submitted`)
  }

  /**
   * The same input and another started at once. Whichever way they meet, an attempt whose submission was written is
   * never cancelled by the other start: its pay may be on its way (a void, and a second attempt paid, otherwise).
   */
  private async startedTwiceAgain(model: Model, world: World, order: string, input: PaymentInput): Promise<void> {
    const id = input.paymentRequestId
    const { other, nextInput } = this.renewed(world, input, order)
    const next = newModelPayment(nextInput.paymentRequestId, this.spec, nextInput, order, 2)
    const mark = callMark(world)
    const exits = await whileStarting(model, world, next, () =>
      world.runConcurrently(
        [input, other].map(
          (given) => (engine: EngineShape) =>
            engine.startAttempt(order, attemptInputOf(given), cardSecretsOf(this.spec)),
        ),
      ),
    )
    const what = `create ${id} after its ${this.write} ${this.fault}, started again with both inputs at once`
    // A start whose own fresh draft the other gave up before its submission was written is refused as the attempt is
    // open (the other took it), as a start arriving a moment later would be: nothing of it was sent.
    for (const exit of exits) expectOutcome(what, exit, ['ok', 'OrderAttemptRefused'])
    const calls = callsSince(world, mark).calls.filter((c) => c.paymentRequestId === id && c.acted)
    const paid = calls.some((c) => c.endpoint === 'pay' || c.endpoint === 'createPaymentSession')
    const cancelled = calls.some((c) => c.endpoint === 'cancel') || (await statusNow(world, id))?.state === 'cancelling'
    if (paid && cancelled) violated('intent-postcondition', `${what}: submitted, then cancelled by the other start`)
  }

  /** The other input (an expiry computed anew), and the order's next attempt made of it if the first is given up. */
  private renewed(world: World, input: PaymentInput, order: string) {
    const other = { ...input, paymentExpiresAt: world.clock.now() + 9 * 60_000 }
    const nextId = attemptRequestId(order, 2)
    const nextInput = { ...attemptPaymentInput(nextId, this.spec, order, 2), paymentExpiresAt: other.paymentExpiresAt }
    return { other, nextInput }
  }

  toString(): string {
    const { kind, method, captureMode, amount } = this.spec
    const write = this.write === 'create' ? 'create' : 'submission'
    return `createUnderStoreFault(${method ?? kind} ${captureMode} ${amount.minor}${amount.currency}: ${write} ${this.fault}, again with ${this.retry} input)`
  }
}
