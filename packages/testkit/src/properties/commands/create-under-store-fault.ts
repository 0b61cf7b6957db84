import { attemptRequestId } from '@paychart/core'
import type { PaymentSpec } from '../../arbitraries/index.js'
import type { CommitFault } from '../commit-faults.js'
import { violated } from '../invariants.js'
import { type Model, newModelPayment } from '../model.js'
import { INLINE_LEASE_MS, type World } from '../world.js'
import { BaseCommand } from './command.js'
import { attemptInputOf, attemptPaymentInput, cardSecretsOf } from './create-payment.js'
import { expectOutcome, statusNow } from './support.js'

/**
 * Merchant and store: a payment is created, and the store fails the commit of its submission, before it writes or
 * with its answer lost. The merchant, told `StoreUnavailable`, starts the attempt again with the same input and card
 * data. The payment must go on either way: submitted by the retry when nothing of it was written, refused as an open
 * attempt when it was (it runs once its lease lapses). It never stays a draft.
 */
export class CreateUnderStoreFaultCommand extends BaseCommand {
  constructor(
    readonly spec: PaymentSpec,
    readonly fault: CommitFault,
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
    const start = () =>
      world.run((engine) => engine.startAttempt(order, attemptInputOf(input), cardSecretsOf(this.spec)))
    world.failNextCommit(id, this.fault)
    const first = await start()
    const failed = world.disarmCommitFault()
    const firstOutcome = expectOutcome(`create ${id} with its submission ${this.fault}`, first, [
      failed ? 'StoreUnavailable' : 'ok',
    ])
    if (firstOutcome === 'StoreUnavailable') {
      const again = await start()
      // Nothing of the submission written: the retry submits it. Written: the attempt is open, and runs.
      const expected = this.fault === 'beforeWrite' ? 'ok' : 'OrderAttemptRefused'
      expectOutcome(`create ${id} again after its submission ${this.fault}`, again, [expected])
    }
    await world.passTime(INLINE_LEASE_MS + 1_000)
    const status = await statusNow(world, id)
    if (status?.state === 'draft') violated('intent-postcondition', `create ${id}: left a draft, never submitted`)
  }

  toString(): string {
    const { kind, method, captureMode, amount } = this.spec
    return `createUnderStoreFault(${method ?? kind} ${captureMode} ${amount.minor}${amount.currency}: submission ${this.fault})`
  }
}
