import {
  type AttemptInput,
  attemptRequestId,
  type PaymentInput,
  type PaymentSecrets,
  type PaymentState,
} from '@paychart/core'
import { restorePayment } from '@paychart/core/machine'
import * as Effect from 'effect/Effect'
import * as Redacted from 'effect/Redacted'
import { type PaymentSpec, paymentInputOf } from '../../arbitraries/index.js'
import { violated } from '../invariants.js'
import { type Model, newModelPayment } from '../model.js'
import { NOTIFY_URL, REDIRECT_URL, type World } from '../world.js'
import { BaseCommand } from './command.js'
import { callMark, callsSince, expectOutcome, failureOf, storedNow } from './support.js'

/** Where a payment of each kind is right after the merchant creates it, when nothing went wrong on the way. */
const EXPECTED: Record<PaymentSpec['kind'], (spec: PaymentSpec) => PaymentState> = {
  cardSuccess: (spec) => (spec.captureMode === 'MANUAL' ? 'authorized' : 'capturing'),
  cardDecline: () => 'failed',
  card3ds: () => 'awaitingCustomer',
  otpWallet: () => 'awaitingOtp',
  wallet: () => 'awaitingCustomer',
  session: () => 'awaitingCustomer',
}

/**
 * The spec sets a capture mode for cards only: a wallet asked for MANUAL is refused naming `captureMode`, before
 * anything is stored or sent (else the merchant would wait for a capture the gateway makes by itself).
 */
const refusedManualWallet = async (world: World, id: string, input: PaymentInput) => {
  const mark = callMark(world)
  const exit = await world.run((engine) =>
    engine.startAttempt(input.order?.orderReference ?? id, attemptInputOf(input)),
  )
  expectOutcome(`create ${id} (MANUAL wallet)`, exit, ['PaymentInputInvalid'])
  if (failureOf(exit)?.field !== 'captureMode') {
    violated('intent-postcondition', `create ${id} (MANUAL wallet): refused without naming captureMode`)
  }
  if (callsSince(world, mark).endpoints.length > 0)
    violated('intent-postcondition', `create ${id}: reached the gateway`)
  const stored = await Effect.runPromise(world.store().load(id))
  if (stored !== undefined) violated('intent-postcondition', `create ${id}: refused, yet stored`)
}

/** What the engine stores for the `attempt`-th attempt of `order` made from `spec` (see `startAttempt`). */
export const attemptPaymentInput = (id: string, spec: PaymentSpec, order: string, attempt: number): PaymentInput => ({
  ...paymentInputOf(id, spec, { notifyUrl: NOTIFY_URL, redirectUrl: REDIRECT_URL }),
  merchantReference: order,
  order: { orderReference: order, attempt },
})

/** The merchant's side of an attempt: everything but what the order chooses. */
export const attemptInputOf = (input: PaymentInput): AttemptInput => {
  const { paymentRequestId: _id, order: _order, ...rest } = input
  return rest
}

export const cardSecretsOf = (spec: PaymentSpec): PaymentSecrets | undefined =>
  spec.cardNo === undefined
    ? undefined
    : { cardMetaData: Redacted.make({ cardNo: spec.cardNo, cvv: '737', expiryMonth: '12', expiryYear: '30' }) }

/** Merchant: creates a payment and submits it (pay, with the card data beside it for a card). */
export class CreatePaymentCommand extends BaseCommand {
  constructor(readonly spec: PaymentSpec) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.length < 4
  }

  protected async act(model: Model, world: World): Promise<void> {
    const interleaved = world.interleaved()
    const order = `ORD-${model.nextPayment++}`
    const id = attemptRequestId(order, 1)
    const input = attemptPaymentInput(id, this.spec, order, 1)
    if (this.spec.kind === 'wallet' && this.spec.captureMode === 'MANUAL') return refusedManualWallet(world, id, input)
    model.payments.push(newModelPayment(id, this.spec, input, order, 1))
    const mark = callMark(world)
    const exit = await world.run((engine) =>
      engine.startAttempt(order, attemptInputOf(input), cardSecretsOf(this.spec)),
    )
    // Interleaved, a cancel may land between the create and its submission: the submission is then refused. Or a
    // start of the order with another input (a retry) gives the draft up and takes the attempt: refused as a start
    // arriving after it, its draft cancelled and never sent.
    const outcome = expectOutcome(
      `create ${id}`,
      exit,
      interleaved ? ['ok', 'IntentRejected', 'OrderAttemptRefused'] : ['ok'],
    )
    const stored = outcome === 'IntentRejected' ? await storedNow(world, id) : undefined
    if (stored !== undefined && restorePayment(stored.snapshot).context.cancel.reason === 'draftReplaced') {
      violated('no-unexpected-failure', `create ${id}: its draft given up by another start, answered IntentRejected`)
    }
    const { faulted } = callsSince(world, mark)
    if (exit._tag === 'Success' && !faulted) {
      const expected = EXPECTED[this.spec.kind](this.spec)
      if (exit.value.state !== expected) {
        violated('intent-postcondition', `create ${id} (${this.spec.kind}): ${exit.value.state}, expected ${expected}`)
      }
    }
  }

  toString(): string {
    const { kind, method, captureMode, amount } = this.spec
    return `create(${method ?? kind} ${captureMode} ${amount.minor}${amount.currency})`
  }
}
