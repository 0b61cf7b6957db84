import * as Effect from 'effect/Effect'
import * as Exit from 'effect/Exit'
import * as Layer from 'effect/Layer'
import * as ManagedRuntime from 'effect/ManagedRuntime'
import * as Redacted from 'effect/Redacted'
import { Engine } from '../engine/engine.js'
import type { AttemptInput, AttemptOptions, RefundResult } from '../engine/engine-api.js'
import type { PaymentSecrets } from '../engine/gateway.js'
import { checkHealth, type Health, type HealthOptions } from '../engine/health.js'
import { metricsObserverLayer } from '../engine/metrics.js'
import type { InboundEvent, NotificationOptions, NotificationOutcome } from '../engine/notifications.js'
import type { RelayOptions, RelayReport } from '../engine/relay.js'
import { RelayScheduler } from '../engine/relay-scheduler.js'
import type { RetentionOptions } from '../engine/retention.js'
import type { PaymentStatus } from '../engine/status.js'
import type { PaymentInput, RequestDetails } from '../machine/context.js'
import type { Money } from '../money/money.js'
import type { OrderStatus } from '../order/order-status.js'
import type { EventLogEntry } from '../store/records.js'
import type { PruneReport } from '../store/retention.js'
import { PaychartClosed } from './errors.js'
import { eventsLayer } from './events-layer.js'
import type { PaychartOptions } from './options.js'
import { settle } from './settle.js'

/** Card fields for a card pay (`cardNo`, `cvv`, `expiryMonth`, `expiryYear`, `cardholderName`...): memory only. */
export type CardDetails = { readonly [field: string]: unknown }

/**
 * paychart as Promises. Each call rejects with the engine's typed error (`PaymentInputInvalid`, `PaymentNotFound`,
 * `PaymentExists`, `OrderAttemptRefused`, `IntentRejected`, `RequestIdReused`, `TooManyConflicts`, `StoreUnavailable`, `PaychartClosed`; `_tag` tells which),
 * never a wrapper.
 */
export interface Paychart<Details extends RequestDetails = RequestDetails> {
  /** Creates the payment and submits it: pay (with the card, held in memory only) or createPaymentSession. */
  readonly createPayment: (
    input: PaymentInput & { readonly requestDetails?: Details },
    options?: { readonly card?: CardDetails },
  ) => Promise<PaymentStatus>
  /**
   * Starts the next attempt of an order (`<orderReference>-attempt-<n>`): the first, or one after every earlier attempt
   * closed without the buyer's money. Rejects with `OrderAttemptRefused` while one may still succeed (unless
   * `replaceOpen` cancels it first), once one is paid, or after the last allowed attempt.
   */
  readonly startAttempt: (
    orderReference: string,
    input: AttemptInput & { readonly requestDetails?: Details },
    options?: AttemptOptions & { readonly card?: CardDetails },
  ) => Promise<PaymentStatus>
  /** The order, read from its attempts: `paid`, `open`, `retryable`..., and the next attempt when one may start. */
  readonly order: (orderReference: string) => Promise<OrderStatus>
  readonly submitOtp: (paymentRequestId: string, verifyRequestId: string, otp: string) => Promise<PaymentStatus>
  /**
   * `amount` defaults to the whole authorization; `captureRequestId` to the capture's own (the one in progress or
   * done, else `<paymentRequestId>-capture`, a new one after a failed capture). The same id with another amount
   * rejects with `RequestIdReused`.
   */
  readonly capture: (
    paymentRequestId: string,
    options?: { readonly captureRequestId?: string; readonly amount?: Money },
  ) => Promise<PaymentStatus>
  readonly cancel: (paymentRequestId: string) => Promise<PaymentStatus>
  /**
   * Without `refundRequestId`, a new refund under `<paymentRequestId>-refund-<n>` (two asked at once are two refunds).
   * Pass your own id to make a retry safe: the same id and amount is the same refund, another amount rejects with
   * `RequestIdReused`. Resolves with the status and the refund it took.
   */
  readonly refund: (
    paymentRequestId: string,
    options: { readonly refundRequestId?: string; readonly amount: Money },
  ) => Promise<RefundResult>
  /** You reviewed the payment's open conflicts and take it as it stands: they are resolved. */
  readonly acknowledgeConflicts: (paymentRequestId: string) => Promise<PaymentStatus>
  /** The customer is back from a redirect or 3DS: inquires at once. */
  readonly customerReturned: (paymentRequestId: string) => Promise<PaymentStatus>
  readonly status: (paymentRequestId: string) => Promise<PaymentStatus>
  readonly timeline: (paymentRequestId: string) => Promise<ReadonlyArray<EventLogEntry>>
  /** A decoded, verified notification (`@paychart/hono`'s webhook routes call this for you). */
  readonly handleNotification: (event: InboundEvent, options: NotificationOptions) => Promise<NotificationOutcome>
  /** One relay pass, for a cron trigger when `relay: false`. */
  readonly runRelay: (options?: Partial<RelayOptions>) => Promise<RelayReport>
  /** Retention (see `Engine.prune`): rejects with `RetentionInvalid` naming the option, having removed nothing. */
  readonly prune: (retention?: RetentionOptions) => Promise<PruneReport>
  /**
   * Whether this process can take payments, and what waits (see `Health`): the store's backlog read and the relay
   * running here. Never rejects for a store that is down: `ready` is false and `store.reason` says why.
   */
  readonly health: (options?: HealthOptions) => Promise<Health>
  /** Runs an engine program to its Exit, counted as in flight until it ends (adapters use this). */
  readonly run: <A, E>(effect: Effect.Effect<A, E, Engine>) => Promise<Exit.Exit<A, E>>
  /** The Effect runtime (the engine and, unless `relay: false`, the relay), for Effect users. */
  readonly runtime: ManagedRuntime.ManagedRuntime<Engine, never>
  /** Resolves once the store, the gateway (its keys imported) and the relay are up; rejects with what failed. */
  readonly ready: Promise<void>
  /**
   * Graceful shutdown: new calls reject with `PaychartClosed`, calls in flight finish, then the relay stops and the
   * store closes (when its layer owns it). Idempotent.
   */
  readonly close: () => Promise<void>
}

/**
 * One call to set paychart up: the engine over your gateway, store and event listener, in a `ManagedRuntime`, with
 * the relay running beside it unless `relay: false`. A layer that fails to build (a bad key, a store that cannot
 * open) rejects `ready` and every call with its error.
 */
export const createPaychart = <Details extends RequestDetails = RequestDetails>(
  options: PaychartOptions,
): Paychart<Details> => {
  const dependencies = Layer.mergeAll(options.store, options.gateway, eventsLayer(options.events))
  const engine = (options.engine === undefined ? Engine.layer : Engine.layerWith(options.engine)).pipe(
    Layer.provide(dependencies),
  )
  const running: Layer.Layer<Engine, unknown> =
    options.relay === false ? engine : RelayScheduler.layer(options.relay ?? {}).pipe(Layer.provideMerge(engine))
  // With telemetry, the engine is observed as `PaychartMetrics`; without, it carries no metric code at all.
  const layer =
    options.telemetry === undefined
      ? running
      : running.pipe(Layer.provideMerge(Layer.merge(options.telemetry, metricsObserverLayer)))
  // A layer that cannot build is a configuration defect: `ready` and each call reject with its error.
  const runtime = ManagedRuntime.make(Layer.orDie(layer))

  const inFlight = new Set<Promise<unknown>>()
  let closing: Promise<void> | undefined

  const run = <A, E2>(effect: Effect.Effect<A, E2, Engine>): Promise<Exit.Exit<A, E2>> => {
    if (closing !== undefined) return Promise.resolve(Exit.die(new PaychartClosed()))
    const running = runtime.runPromiseExit(effect)
    inFlight.add(running)
    void running.finally(() => inFlight.delete(running))
    return running
  }
  const call = <A, E2>(program: (engine: Engine['Service']) => Effect.Effect<A, E2>): Promise<A> =>
    closing !== undefined ? Promise.reject(new PaychartClosed()) : run(Engine.use(program)).then(settle)

  const close = () => {
    closing ??= Promise.allSettled([...inFlight]).then(() => runtime.dispose())
    return closing
  }
  const ready = runtime.runPromiseExit(Effect.void).then(settle)
  // `ready` is there to be awaited; a rejection nobody awaits must not crash the process (each call reports it too).
  ready.catch(() => {})

  const secretsOf = (card: CardDetails | undefined): PaymentSecrets | undefined =>
    card === undefined ? undefined : { cardMetaData: Redacted.make(card) }

  return {
    createPayment: (input, { card } = {}) => call((e) => e.createPayment(input, secretsOf(card))),
    startAttempt: (orderReference, input, { card, ...options } = {}) =>
      call((e) => e.startAttempt(orderReference, input, secretsOf(card), options)),
    order: (orderReference) => call((e) => e.order(orderReference)),
    submitOtp: (paymentRequestId, verifyRequestId, otp) =>
      call((e) => e.submitOtp(paymentRequestId, verifyRequestId, Redacted.make(otp))),
    capture: (paymentRequestId, request) => call((e) => e.capture(paymentRequestId, request)),
    cancel: (paymentRequestId) => call((e) => e.cancel(paymentRequestId)),
    refund: (paymentRequestId, request) => call((e) => e.refund(paymentRequestId, request)),
    acknowledgeConflicts: (paymentRequestId) => call((e) => e.acknowledgeConflicts(paymentRequestId)),
    customerReturned: (paymentRequestId) => call((e) => e.customerReturned(paymentRequestId)),
    status: (paymentRequestId) => call((e) => e.status(paymentRequestId)),
    timeline: (paymentRequestId) => call((e) => e.timeline(paymentRequestId)),
    handleNotification: (event, notification) => call((e) => e.handleNotification(event, notification)),
    runRelay: (relay = {}) => call((e) => e.runRelay({ owner: 'paychart', leaseMs: 30_000, limit: 100, ...relay })),
    prune: (retention) => call((e) => e.prune(retention)),
    health: (health) =>
      closing !== undefined ? Promise.reject(new PaychartClosed()) : run(checkHealth(health)).then(settle),
    run,
    runtime,
    ready,
    close,
  }
}
