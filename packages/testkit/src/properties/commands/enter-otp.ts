import type { PaymentStatus } from '@paychart/core'
import * as Effect from 'effect/Effect'
import * as Redacted from 'effect/Redacted'
import { heldAsConflict, violated } from '../invariants.js'
import { type Model, operationId, pick } from '../model.js'
import type { World } from '../world.js'
import { BaseCommand } from './command.js'
import { callMark, callsSince, expectOutcome, statusNow } from './support.js'

/**
 * Whether the payment, challenged for an OTP by an answer it took, is reconciling (a verification or pay whose outcome was lost) and the
 * gateway's last answer to an inquiry said it still waits (PROCESSING): the buyer may then enter a code again.
 */
const gatewayToldItAwaitsTheCode = async (
  world: World,
  id: string,
  before: PaymentStatus | undefined,
): Promise<boolean> => {
  if (before?.state !== 'reconciling') return false
  const timeline = await Effect.runPromise(world.store().events(id))
  // An answer held for a lie of its own (another amount) tells the engine nothing, an OTP challenge included.
  const held = (event: { readonly type: string; readonly at: number }) => heldAsConflict(before, event)
  const challenged = timeline.some(
    (e) => e.event.type === 'PAY_ANSWERED' && e.event.nextAction?.kind === 'otp' && !held(e.event),
  )
  const last = timeline.at(-1)?.event
  return challenged && last?.type === 'INQUIRY_ANSWERED' && last.paymentStatus === 'PROCESSING' && !held(last)
}

/** Whether the merchant created a payment the buyer verifies with an OTP. */
export const hasOtpPayment = (model: Readonly<Model>): boolean =>
  model.payments.some((p) => p.spec.kind === 'otpWallet')

/** Buyer: enters the OTP, right or wrong. */
export class EnterOtpCommand extends BaseCommand {
  constructor(
    readonly target: number,
    readonly right: boolean,
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return hasOtpPayment(model)
  }

  protected async act(model: Model, world: World): Promise<void> {
    const payment = pick({ ...model, payments: model.payments.filter((p) => p.spec.kind === 'otpWallet') }, this.target)
    if (payment === undefined) return
    const before = await statusNow(world, payment.id)
    const awaited = await gatewayToldItAwaitsTheCode(world, payment.id, before)
    const verifyRequestId = operationId(model, payment, 'verify')
    payment.verifyIds.add(verifyRequestId)
    const code = this.right ? world.simulator.config.otpCode : '000000'
    const mark = callMark(world)
    const exit = await world.run((engine) => engine.submitOtp(payment.id, verifyRequestId, Redacted.make(code)))
    const outcome = expectOutcome(`submitOtp ${payment.id}`, exit, ['ok', 'IntentRejected'])
    if (awaited && outcome === 'IntentRejected' && !world.interleaved()) {
      violated('intent-postcondition', 'an inquiry showed the gateway awaiting the code, yet the OTP was refused')
    }
    if (!this.right) payment.wrongOtps += 1
    const { faulted, calls } = callsSince(world, mark)
    const remote = world.simulator.payment(payment.id)
    const inWindow = remote !== undefined && world.clock.now() < remote.createdAt + world.simulator.config.otpWindowMs
    const verified = calls.some((c) => c.endpoint === 'verifyAndCompletePayment')
    // While a conflict is open (an earlier answer lied), the machine holds every report until an inquiry decides.
    const conflicted = before?.conflicts.some((c) => c.resolvedAt === undefined) === true
    if (before?.state === 'awaitingOtp' && !faulted && exit._tag === 'Success') {
      if (!verified) violated('intent-postcondition', 'an OTP entered while awaited did not reach the gateway')
    }
    if (before?.state === 'awaitingOtp' && !faulted && !conflicted && exit._tag === 'Success') {
      if (this.right && inWindow && remote?.status === 'captured' && exit.value.state !== 'captured') {
        violated('intent-postcondition', `the right OTP: gateway captured, local ${exit.value.state}`)
      }
      if (!this.right && payment.wrongOtps < world.simulator.config.otpMaxAttempts && inWindow) {
        if (exit.value.state !== 'awaitingOtp') {
          violated(
            'intent-postcondition',
            `a wrong OTP (${payment.wrongOtps}): ${exit.value.state}, expected awaitingOtp`,
          )
        }
      }
    }
  }

  toString(): string {
    return `enterOtp(#${this.target} ${this.right ? 'right' : 'wrong'})`
  }
}
