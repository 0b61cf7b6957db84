import type { PaymentInput, PaymentStatus } from '@paychart/core'
import { attemptRequestId } from '@paychart/core'
import type { Exit } from 'effect'
import type { PaymentSpec } from '../../arbitraries/index.js'
import { violated } from '../invariants.js'
import { attemptsOf, type Model, type ModelPayment, newModelPayment, pick } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'
import { attemptInputOf, attemptPaymentInput, cardSecretsOf } from './create-payment.js'
import { expectOutcome, failureOf, statusNow, storedNow } from './support.js'

/** The simulator's card that is declined AUTHENTICATION_REQUIRED unless the pay asks for 3D Secure. */
export const AUTHENTICATION_REQUIRED_CARD = '4000000000000606'

/** The spec's rule: after AUTHENTICATION_REQUIRED the pay is made again asking for 3D Secure. */
const asking3ds = (input: PaymentInput): PaymentInput => {
  const details = input.requestDetails ?? {}
  const method = (details.paymentMethod ?? {}) as Record<string, unknown>
  return {
    ...input,
    requestDetails: {
      ...details,
      paymentMethod: { ...method, paymentMethodMetaData: { is3DSAuthentication: true } },
    },
  }
}

/** The spec of the next attempt: the merchant's new choice, or the same card again; the order's amount either way. */
const nextSpec = (first: ModelPayment, last: ModelPayment, spec: PaymentSpec, sameCard: boolean): PaymentSpec => {
  const base =
    sameCard && last.spec.cardNo !== undefined
      ? last.spec.cardNo === AUTHENTICATION_REQUIRED_CARD
        ? { ...last.spec, kind: 'card3ds' as const }
        : last.spec
      : spec
  const manualWallet = base.kind === 'wallet' && base.captureMode === 'MANUAL'
  return { ...base, amount: first.spec.amount, ...(manualWallet ? { captureMode: 'AUTOMATIC' as const } : {}) }
}

/**
 * An attempt started while an earlier one of its order could still take the buyer's money, as far as the engine could
 * know: every earlier attempt must be closed in the store. (A pay still on its way may land at the gateway after that;
 * the order-charged-once property at quiescence holds the engine to reversing it.)
 */
const checkEarlierClosed = async (world: World, earlier: ReadonlyArray<ModelPayment>, started: string) => {
  for (const attempt of earlier) {
    const status = await statusNow(world, attempt.id)
    if (status !== undefined && !status.tags.includes('terminal')) {
      violated('intent-postcondition', `${started} started while ${attempt.id} is ${status.state}`)
    }
  }
}

/**
 * Merchant: starts the next attempt of an order (the buyer tries again: another card, the same card, another
 * method), or replaces the open attempt (the buyer chose another way to pay: the open one is cancelled first).
 */
export class RetryOrderCommand extends BaseCommand {
  constructor(
    readonly target: number,
    readonly spec: PaymentSpec,
    readonly replaceOpen: boolean,
    readonly sameCard: boolean,
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.length > 0 && model.payments.length < 6
  }

  protected async act(model: Model, world: World): Promise<void> {
    const chosen = pick(model, this.target)
    if (chosen === undefined) return
    const next = await nextAttemptOf(model, world, chosen.order)
    if (next === undefined) return
    const { attempts, first, last, lastStatus, attempt, id } = next
    const spec = nextSpec(first, last, this.spec, this.sameCard)
    const plain = attemptPaymentInput(id, spec, chosen.order, attempt)
    const input = lastStatus.failure?.code === 'AUTHENTICATION_REQUIRED' ? asking3ds(plain) : plain
    const expected = newModelPayment(id, spec, input, chosen.order, attempt)
    const exit = await whileStarting(model, world, expected, () =>
      world.run((engine) =>
        engine.startAttempt(chosen.order, attemptInputOf(input), cardSecretsOf(spec), {
          replaceOpen: this.replaceOpen,
        }),
      ),
    )
    const outcome = expectOutcome(`attempt ${id}`, exit, ['ok', 'OrderAttemptRefused', 'IntentRejected'])
    await recordAttempt(model, world, expected, attempts, exit, outcome)
  }

  toString(): string {
    const what = this.sameCard ? 'same card' : `${this.spec.method ?? this.spec.kind} ${this.spec.captureMode}`
    return `retryOrder(#${this.target} ${what}${this.replaceOpen ? ' replacing the open one' : ''})`
  }
}

/** Forgets this very payment (two commands in flight may each have expected one under the same id). */
const forget = (model: Model, payment: ModelPayment) => {
  const index = model.payments.indexOf(payment)
  if (index >= 0) model.payments.splice(index, 1)
}

/**
 * Runs starts that may make the payment (an order's next attempt), known to the model while they run (a crash may
 * leave it stored, and the relay then pays it). Afterwards, whatever they answered or if the process crashed, the model
 * keeps it only if it was made.
 */
export const whileStarting = async <A>(
  model: Model,
  world: World,
  payment: ModelPayment,
  start: () => Promise<A>,
): Promise<A> => {
  model.payments.push(payment)
  try {
    return await start()
  } finally {
    if ((await storedNow(world, payment.id)) === undefined) forget(model, payment)
  }
}

/** The order's next attempt, as the model expects it. */
export interface NextAttempt {
  readonly attempts: ReadonlyArray<ModelPayment>
  readonly first: ModelPayment
  readonly last: ModelPayment
  /** The last attempt as the store shows it. */
  readonly lastStatus: PaymentStatus
  readonly attempt: number
  readonly id: string
}

/**
 * The order's next attempt, when the store holds every attempt the model knows of; undefined while one is still being
 * made (a command in flight beside this one), was never made (a crash before its create), or another command in
 * flight already expects the next. The caller pushes its own expectation before it awaits anything (`whileStarting`).
 */
export const nextAttemptOf = async (model: Model, world: World, order: string): Promise<NextAttempt | undefined> => {
  const attempts = attemptsOf(model, order)
  let lastStatus: PaymentStatus | undefined
  for (const attempt of attempts) {
    lastStatus = await statusNow(world, attempt.id)
    if (lastStatus === undefined) return undefined
  }
  const [first, last] = [attempts[0], attempts.at(-1)]
  if (first === undefined || last === undefined || lastStatus === undefined) return undefined
  const attempt = last.attempt + 1
  const id = attemptRequestId(order, attempt)
  if (model.payments.some((p) => p.id === id)) return undefined
  return { attempts, first, last, lastStatus, attempt, id }
}

/** The model's side of a startAttempt: the new payment when it started, the reason checked when it was refused. */
export const recordAttempt = async (
  model: Model,
  world: World,
  started: ModelPayment,
  earlier: ReadonlyArray<ModelPayment>,
  exit: Exit.Exit<PaymentStatus, unknown>,
  outcome: string,
) => {
  const { id, order, attempt } = started
  // Refused before anything was made: the payment the model expected does not exist.
  if (outcome === 'OrderAttemptRefused' || outcome === 'PaymentInputInvalid') forget(model, started)
  if (exit._tag === 'Success') {
    const answered = exit.value
    if (answered.paymentRequestId !== id) {
      // Another start at once (interleaved) took this attempt, or replaced its draft: this one started a later one,
      // which the model must know. Outside interleaving it is a failure all the same.
      forget(model, started)
      const input = {
        ...started.input,
        paymentRequestId: answered.paymentRequestId,
        ...(answered.order === undefined ? {} : { order: answered.order }),
      }
      model.payments.push(
        newModelPayment(answered.paymentRequestId, started.spec, input, order, answered.order?.attempt ?? attempt),
      )
      violated('intent-postcondition', `attempt ${attempt} of ${order} started as ${answered.paymentRequestId}`)
    }
    if (!world.interleaved()) await checkEarlierClosed(world, earlier, id)
    return
  }
  if (outcome !== 'OrderAttemptRefused') return
  const refusal = failureOf(exit)
  if (refusal?.reason === 'attemptOpen') model.attemptsRefusedOpen += 1
  if (refusal?.reason === 'paid') {
    const statuses = await Promise.all(earlier.map((p) => statusNow(world, p.id)))
    if (!statuses.some((s) => s?.authorized !== undefined)) {
      violated('intent-postcondition', `attempt ${id} refused as paid, yet no attempt of ${order} was authorized`)
    }
  }
}
