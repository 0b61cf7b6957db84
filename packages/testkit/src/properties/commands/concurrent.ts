import type { EngineShape, Money, PaymentStatus } from '@paychart/core'
import { Effect, type Exit } from 'effect'
import { type Model, type ModelPayment, pick } from '../model.js'
import { INLINE_LEASE_MS, type World } from '../world.js'
import { BaseCommand } from './command.js'
import { halfOf, type IntentRequest, recordOutcome, requestFor } from './intents.js'
import { expectOutcome, statusNow } from './support.js'

export type ConcurrentAction =
  | 'customerReturned'
  | 'capture'
  | 'captureWithoutId'
  | 'captureSameId'
  | 'cancel'
  | 'refund'
  | 'refundWithoutId'
  | 'refundsWithoutId'
  | 'refundSameId'
  | 'relay'
  | 'notifications'

export const CONCURRENT_ACTIONS: ReadonlyArray<ConcurrentAction> = [
  'customerReturned',
  'capture',
  'captureWithoutId',
  'captureSameId',
  'cancel',
  'refund',
  'refundWithoutId',
  'refundsWithoutId',
  'refundSameId',
  'relay',
  'notifications',
]

const MERCHANT_INTENTS: ReadonlySet<ConcurrentAction> = new Set([
  'capture',
  'captureWithoutId',
  'captureSameId',
  'cancel',
  'refund',
  'refundWithoutId',
  'refundsWithoutId',
  'refundSameId',
])

type Call = (engine: EngineShape) => Effect.Effect<unknown, unknown>
interface Intent {
  readonly kind: 'capture' | 'refund'
  readonly request: IntentRequest
}

/**
 * Several handlers on one payment at once, in one process: the buyer returning, the merchant capturing, cancelling
 * or refunding (under new ids, without ids, twice under one id with two amounts), a relay pass and the webhook, each
 * loading, transitioning and committing with compare-and-set.
 */
export class ConcurrentCommand extends BaseCommand {
  constructor(
    readonly target: number,
    readonly actions: ReadonlyArray<ConcurrentAction>,
  ) {
    super()
  }

  check(model: Readonly<Model>): boolean {
    return model.payments.length > 0
  }

  protected async act(model: Model, world: World): Promise<void> {
    const payment = pick(model, this.target)
    if (payment === undefined) return
    const before = await statusNow(world, payment.id)
    if (before === undefined) return
    const calls: Array<Call> = []
    const intents: Array<Intent | undefined> = []
    const add = (call: Call, intent?: Intent) => {
      calls.push(call)
      intents.push(intent)
    }
    for (const action of this.actions) this.plan(action, model, world, payment, before, add)
    if (this.actions.filter((a) => MERCHANT_INTENTS.has(a)).length >= 2) model.racingIntents += 1
    const [exits] = await Promise.all([
      world.runConcurrently(calls),
      this.actions.includes('notifications') ? world.deliver() : Promise.resolve([]),
    ])
    for (const [i, exit] of exits.entries()) {
      const outcome = expectOutcome(`concurrent #${i} on ${payment.id}`, exit, [
        'ok',
        'IntentRejected',
        'RequestIdReused',
      ])
      const intent = intents[i]
      if (intent === undefined) continue
      recordOutcome(
        model,
        payment,
        intent.kind,
        intent.request,
        false,
        exit as Exit.Exit<PaymentStatus, unknown>,
        outcome,
      )
    }
  }

  private plan(
    action: ConcurrentAction,
    model: Model,
    world: World,
    payment: ModelPayment,
    before: PaymentStatus,
    add: (call: Call, intent?: Intent) => void,
  ) {
    const id = payment.id
    const money = (minor: number): Money => ({ currency: before.amount.currency, minor })
    const authorized = before.authorized?.minor ?? before.amount.minor
    const capture = (request: IntentRequest) =>
      add(
        (e) =>
          e.capture(id, {
            amount: money(request.minor),
            ...(request.requestId === undefined ? {} : { captureRequestId: request.requestId }),
          }),
        { kind: 'capture', request },
      )
    const refund = (request: IntentRequest) =>
      add(
        (e) =>
          e.refund(id, {
            amount: money(request.minor),
            ...(request.requestId === undefined ? {} : { refundRequestId: request.requestId }),
          }),
        { kind: 'refund', request },
      )
    switch (action) {
      case 'customerReturned':
        return add((e) => e.customerReturned(id))
      case 'capture':
        return capture(requestFor(model, payment, 'capture', 'new', authorized))
      case 'captureWithoutId':
        return capture(requestFor(model, payment, 'capture', 'none', halfOf(authorized)))
      case 'captureSameId': {
        const first = requestFor(model, payment, 'capture', 'new', authorized)
        capture(first)
        return capture({ requestId: first.requestId, minor: halfOf(authorized), reused: true })
      }
      case 'cancel':
        return add((e) => e.cancel(id))
      case 'refund':
        return refund(requestFor(model, payment, 'refund', 'new', halfOf(before.refundable.minor)))
      case 'refundWithoutId':
        return refund(requestFor(model, payment, 'refund', 'none', halfOf(halfOf(before.refundable.minor))))
      case 'refundsWithoutId': {
        // Two refunds asked at once, neither named: two refunds, each under an id of its own.
        const quarter = halfOf(halfOf(before.refundable.minor))
        refund(requestFor(model, payment, 'refund', 'none', quarter))
        return refund(requestFor(model, payment, 'refund', 'none', quarter + 1))
      }
      case 'refundSameId': {
        const first = requestFor(model, payment, 'refund', 'new', halfOf(before.refundable.minor))
        refund(first)
        // Either may be the one the id is taken for: the merchant asked for up to the larger.
        payment.askedRefunds += 1
        return refund({ requestId: first.requestId, minor: first.minor + 1, reused: true })
      }
      case 'relay':
        return add((e) =>
          Effect.andThen(
            Effect.promise(() => world.settleTimers()),
            e.runRelay({ owner: 'concurrent-relay', leaseMs: INLINE_LEASE_MS, limit: 100 }),
          ),
        )
      case 'notifications':
        return
    }
  }

  toString(): string {
    return `concurrent(#${this.target} ${this.actions.join(' ∥ ')})`
  }
}
