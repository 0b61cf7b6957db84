import type { Redacted } from 'effect'
import * as Clock from 'effect/Clock'
import * as Context from 'effect/Context'
import * as Effect from 'effect/Effect'
import * as Layer from 'effect/Layer'
import type { PaymentInput } from '../machine/context.js'
import type { MerchantEvent } from '../machine/events.js'
import { inputProblem } from '../machine/input-rules.js'
import { persistPayment } from '../machine/persistence.js'
import { nextCaptureRequestId, nextRefundRequestId } from '../machine/request-ids.js'
import { stateOf } from '../machine/state.js'
import { type PaymentSnapshot, startPayment } from '../machine/transitions.js'
import type { Money } from '../money/index.js'
import { PaymentNotFound } from '../store/errors.js'
import { PaymentStore } from '../store/payment-store.js'
import { DomainEvents } from './domain-events.js'
import type { EngineShape, RefundResult } from './engine-api.js'
import { PaymentInputInvalid, refusalError } from './errors.js'
import { Gateway, type PaymentSecrets } from './gateway.js'
import { makeHandler } from './handler.js'
import { makeNotificationHandler } from './notifications.js'
import { makeOrders } from './orders.js'
import { recentPayments } from './recent-payments.js'
import { makeRelay } from './relay.js'
import { pruneOptionsAt } from './retention.js'
import { isSameDraft } from './same-draft.js'
import { makeSecretVault, type SecretVault } from './secret-vault.js'
import { statusOf } from './status.js'
import { UNKNOWN_OUTCOME_STATES } from './unknown-outcome.js'

export interface EngineOptions {
  /** Lease on a command run inline (default 30 s): a relay may take it over only after that. */
  readonly inlineLeaseMs?: number
  /** Owner name of inline claims (default `inline`). */
  readonly inlineOwner?: string
  /** Commits tried per event before `TooManyConflicts` (default 20). */
  readonly maxConflictRetries?: number
  /** The vault for card data and OTP (default: a fresh one, in this process's memory). */
  readonly vault?: SecretVault
  /** Attempts an order may have (default 10): `startAttempt` refuses one more. */
  readonly maxOrderAttempts?: number
  /**
   * Payments whose last version this engine keeps in memory, the most recently used (default 1,000; 0 keeps none): an
   * event for one of them skips reading the store. A copy another instance moved on since costs one conflict.
   */
  readonly recentPayments?: number
}

const copyMoney = (money: Money): Money => ({ currency: money.currency, minor: money.minor })

const makeEngine = (options: EngineOptions = {}) =>
  Effect.gen(function* () {
    const store = yield* PaymentStore
    const gateway = yield* Gateway
    const events = yield* DomainEvents
    const vault = options.vault ?? makeSecretVault()
    const recent = recentPayments(options.recentPayments ?? 1_000)
    const handler = makeHandler({
      store,
      execute: gateway.execute,
      publish: (item) =>
        item.command.kind === 'publish' ? events.publish(item.paymentRequestId, item.command.event) : Effect.void,
      vault,
      recent,
      inlineOwner: options.inlineOwner ?? 'inline',
      leaseMs: options.inlineLeaseMs ?? 30_000,
      maxConflictRetries: options.maxConflictRetries ?? 20,
    })

    const status = Effect.fn('Engine.status')(function* (paymentRequestId: string) {
      const stored = yield* store.load(paymentRequestId)
      if (stored === undefined) return yield* new PaymentNotFound({ paymentRequestId })
      return statusOf(stored)
    })

    /**
     * Applies a merchant intent at the current time, made from the payment it is applied to (see `EventSource`). A
     * refusal by the machine becomes `IntentRejected` or `RequestIdReused`. Answers the status after it, and the
     * intent as applied.
     */
    const applyIntent = Effect.fnUntraced(function* <I extends MerchantEvent>(
      paymentRequestId: string,
      make: (at: number, payment: PaymentSnapshot) => I,
      secrets?: PaymentSecrets,
    ) {
      const at = yield* Clock.currentTimeMillis
      const handled = yield* handler.handle(
        paymentRequestId,
        (payment) => make(at, payment),
        secrets === undefined ? {} : { secrets },
      )
      // Only a notification can be a duplicate or deferred, only a fired timer can have moved, only an answer come
      // after its lease: an intent is none.
      if (
        handled._tag === 'Duplicate' ||
        handled._tag === 'TimerMoved' ||
        handled._tag === 'Deferred' ||
        handled._tag === 'LeaseLapsed'
      ) {
        return yield* Effect.die(handled._tag)
      }
      const event = handled.event as I
      if (handled._tag === 'Committed' && handled.refusal !== undefined) {
        return yield* refusalError(paymentRequestId, handled.payment.state, event, handled.refusal)
      }
      const after = handled._tag === 'Unchanged' ? statusOf(handled.payment) : yield* status(paymentRequestId)
      return { status: after, event }
    })

    const intent = Effect.fn('Engine.intent')(function* (
      paymentRequestId: string,
      make: (at: number, payment: PaymentSnapshot) => MerchantEvent,
      secrets?: PaymentSecrets,
    ) {
      return (yield* applyIntent(paymentRequestId, make, secrets)).status
    })

    const createPayment = Effect.fn('Engine.createPayment')(function* (input: PaymentInput, secrets?: PaymentSecrets) {
      const at = yield* Clock.currentTimeMillis
      const problem = inputProblem(input, at)
      if (problem !== undefined) {
        return yield* new PaymentInputInvalid({ paymentRequestId: input.paymentRequestId, ...problem })
      }
      // A store may keep (and freeze) what it is given: the payment holds a copy of the merchant's objects.
      const created = startPayment(structuredClone(input))
      const exists = yield* store
        .create({
          paymentRequestId: input.paymentRequestId,
          at,
          state: stateOf(created.snapshot),
          snapshot: persistPayment(created.snapshot),
          ...(input.merchantReference === undefined ? {} : { merchantReference: input.merchantReference }),
        })
        .pipe(
          Effect.tap((payment) => Effect.sync(() => recent.remember(payment))),
          Effect.as(undefined),
          Effect.catchTag('PaymentExists', (error) => Effect.succeed(error)),
        )
      const submit = intent(input.paymentRequestId, (now) => ({ type: 'SUBMIT', at: now }), secrets)
      // Created here, and submitted first by a create of the same input at the same time (see below): it is on its way.
      if (exists === undefined) {
        return yield* submit.pipe(
          Effect.catchTag('IntentRejected', (refused) =>
            status(input.paymentRequestId).pipe(
              Effect.flatMap((now) => (now.state === 'cancelled' ? Effect.fail(refused) : Effect.succeed(now))),
            ),
          ),
        )
      }
      // The same create tried before, its submission never written (the store failed, the process died): this one
      // submits it. Submitted meanwhile by another, the machine refuses a second submission: the payment exists.
      const stored = yield* store.load(input.paymentRequestId)
      if (stored === undefined || !isSameDraft(stored, created.snapshot)) return yield* exists
      return yield* submit.pipe(Effect.catchTag('IntentRejected', () => Effect.fail(exists)))
    })

    const refund = Effect.fn('Engine.refund')(function* (
      paymentRequestId: string,
      request: { readonly refundRequestId?: string; readonly amount: Money },
    ) {
      const amount = copyMoney(request.amount)
      const { status: after, event } = yield* applyIntent(paymentRequestId, (at, payment) => ({
        type: 'REFUND' as const,
        at,
        refundRequestId: request.refundRequestId ?? nextRefundRequestId(payment.context),
        amount,
      }))
      const asked = after.refunds.find((r) => r.refundRequestId === event.refundRequestId)
      // A refund the machine took is in the payment it answered with: it was recorded, or it was already there.
      if (asked === undefined) return yield* Effect.die(new Error(`refund ${event.refundRequestId} is not recorded`))
      return { ...after, refund: asked } satisfies RefundResult
    })

    const cancel = (paymentRequestId: string) => intent(paymentRequestId, (at) => ({ type: 'CANCEL' as const, at }))
    const discardDraft = (paymentRequestId: string) =>
      intent(paymentRequestId, (at) => ({ type: 'DISCARD_DRAFT' as const, at }))
    const orders = makeOrders({
      store,
      maxAttempts: options.maxOrderAttempts ?? 10,
      createPayment,
      cancel,
      discardDraft,
    })

    return Engine.of({
      createPayment,
      startAttempt: orders.startAttempt,
      order: orders.order,
      submitOtp: (paymentRequestId: string, verifyRequestId: string, otp: Redacted.Redacted<string>) =>
        intent(paymentRequestId, (at) => ({ type: 'OTP_SUBMITTED', at, verifyRequestId }), { otp }),
      capture: (paymentRequestId, request = {}) =>
        intent(paymentRequestId, (at, payment) => ({
          type: 'CAPTURE',
          at,
          captureRequestId: request.captureRequestId ?? nextCaptureRequestId(payment.context),
          ...(request.amount === undefined ? {} : { amount: copyMoney(request.amount) }),
        })),
      cancel,
      refund,
      customerReturned: (paymentRequestId) => intent(paymentRequestId, (at) => ({ type: 'CUSTOMER_RETURNED', at })),
      acknowledgeConflicts: (paymentRequestId) =>
        intent(paymentRequestId, (at) => ({ type: 'ACKNOWLEDGE_CONFLICTS', at })),
      status,
      handleNotification: makeNotificationHandler(store, handler, recent),
      runRelay: makeRelay(store, handler, vault),
      timeline: (paymentRequestId) => store.events(paymentRequestId),
      prune: Effect.fn('Engine.prune')(function* (retention) {
        const options = yield* Effect.fromResult(pruneOptionsAt(yield* Clock.currentTimeMillis, retention))
        return yield* store.prune(options)
      }),
      backlog: Effect.fn('Engine.backlog')(function* () {
        return yield* store.backlog({ now: yield* Clock.currentTimeMillis, unknownOutcome: UNKNOWN_OUTCOME_STATES })
      }),
      handle: handler.handle,
    })
  })

/** The payment engine: the machine, the store and the gateway put together. */
export class Engine extends Context.Service<Engine, EngineShape>()('@paychart/core/Engine') {
  static readonly layer: Layer.Layer<Engine, never, PaymentStore | Gateway | DomainEvents> = Layer.effect(
    Engine,
    Effect.suspend(() => makeEngine()),
  )

  static readonly layerWith = (
    options: EngineOptions,
  ): Layer.Layer<Engine, never, PaymentStore | Gateway | DomainEvents> => Layer.effect(Engine, makeEngine(options))
}
