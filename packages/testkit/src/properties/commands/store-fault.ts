import { violated } from '../invariants.js'
import { type Model, type ModelPayment, pick } from '../model.js'
import { INLINE_LEASE_MS, type World } from '../world.js'
import type { WriteFault } from '../write-faults.js'
import { BaseCommand } from './command.js'
import { recordOutcome, requestFor } from './intents.js'
import { expectOutcome, pickIn, statusNow } from './support.js'

/** What was under way when the store failed its commit. */
export type FaultedWork = 'capture' | 'refund' | 'deliver' | 'relay'

/**
 * The store fails one commit of a payment: before it writes, or after, its answer lost. A merchant's capture or
 * refund then fails with `StoreUnavailable`, and the merchant asks again under the same request id, as the engine's
 * API says makes a retry safe; a notification is answered with an error and comes again; a relay pass counts the
 * item failed and a later one runs it. Whatever was written must be done once, and what was not, not at all.
 */
export class StoreFaultCommand extends BaseCommand {
  constructor(
    readonly work: FaultedWork,
    readonly fault: WriteFault,
    readonly target: number,
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.length > 0
  }

  protected async act(model: Model, world: World): Promise<void> {
    // Interleaved, another command's commit of the same payment could meet the fault.
    if (world.interleaved()) return
    const payment =
      this.work === 'capture' || this.work === 'refund'
        ? await pickIn(world, model, this.target, [this.work === 'capture' ? 'authorized' : 'captured'])
        : pick(model, this.target)
    if (payment === undefined) return
    world.failNextWrite(payment.id, this.fault)
    try {
      if (this.work === 'capture' || this.work === 'refund') await this.intent(model, world, payment, this.work)
      else if (this.work === 'deliver') await this.deliver(world)
      else await this.relay(world)
    } finally {
      world.disarmWriteFault()
    }
    // Past the inline lease: what a failed call had claimed, a relay now runs.
    await world.passTime(INLINE_LEASE_MS + 1_000)
  }

  private async intent(model: Model, world: World, payment: ModelPayment, kind: 'capture' | 'refund') {
    const before = await statusNow(world, payment.id)
    if (before === undefined) return
    const base = kind === 'capture' ? (before.authorized?.minor ?? before.amount.minor) : before.captured.minor
    const request = requestFor(model, payment, kind, 'new', Math.max(1, Math.floor(base / 2)))
    const { requestId, minor } = request
    if (requestId === undefined) return
    const amount = { currency: before.amount.currency, minor }
    const ask = () =>
      world.run((engine) =>
        kind === 'capture'
          ? engine.capture(payment.id, { captureRequestId: requestId, amount })
          : engine.refund(payment.id, { refundRequestId: requestId, amount }),
      )
    const what = `${kind} ${payment.id} with its commit ${this.fault}`
    const first = await ask()
    // A new id of the model's may be one the engine named a refund asked without an id: RequestIdReused.
    const refusals = ['IntentRejected', 'RequestIdReused']
    const firstOutcome = expectOutcome(what, first, ['ok', ...refusals, 'StoreUnavailable'])
    if (firstOutcome !== 'StoreUnavailable') {
      recordOutcome(model, payment, kind, request, false, first, firstOutcome)
      return
    }
    world.disarmWriteFault()
    const again = await ask()
    const outcome = expectOutcome(`${what}, asked again`, again, ['ok', ...refusals])
    recordOutcome(model, payment, kind, request, this.fault === 'answerLost', again, outcome)
    // Asked again under its id, the intent is taken once or refused, never taken twice nor taken and refused.
    if (outcome === 'RequestIdReused') return
    const after = await statusNow(world, payment.id)
    const taken =
      kind === 'capture'
        ? after?.capture?.captureRequestId === requestId
          ? 1
          : 0
        : (after?.refunds.filter((r) => r.refundRequestId === requestId).length ?? 0)
    if (taken !== (outcome === 'ok' ? 1 : 0)) {
      violated('intent-postcondition', `${what}: asked again under ${requestId}, ${outcome}, and taken ${taken} times`)
    }
  }

  private async deliver(world: World) {
    const outcomes = await world.deliver()
    // Only the faulted commit fails. A notification that needed it (a capture notice naming only the gateway's payment
    // id, which that commit was to record) is then refused, unmatched or deferred, as the gateway delivers it again.
    const failed = outcomes.filter((outcome) => outcome === 'failed')
    if (failed.length > (world.disarmWriteFault() ? 1 : 0)) {
      violated('no-unexpected-failure', `deliveries with one commit failed: ${outcomes.join(', ')}`)
    }
  }

  private async relay(world: World) {
    const exit = await world.relay()
    expectOutcome('relay with one commit failed', exit, ['ok'])
  }

  toString(): string {
    return `storeFault(${this.work} #${this.target}: commit ${this.fault})`
  }
}
