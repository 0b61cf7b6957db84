import * as Effect from 'effect/Effect'
import * as Layer from 'effect/Layer'
import * as Metric from 'effect/Metric'
import type { PaymentEvent } from '../machine/events.js'
import { PAYMENT_STATES } from '../machine/state.js'
import { EngineObserver, type EngineObserverShape } from './observer.js'

/**
 * paychart's metrics, as Effect metrics: exported by whatever reads Effect's metric registry (`@effect/opentelemetry`'s
 * `NodeSdk.layer` with a metric reader, say). Attributes are kinds, states and result codes: never a payment's id, an
 * amount or anything a buyer typed.
 */
export const PaychartMetrics = {
  /** Every committed event: its type, the state it left and the state it reached. */
  events: Metric.counter('paychart.payment.events', { description: 'payment events committed', incremental: true }),
  /** Commits that lost the compare-and-set to another handler and were tried again. */
  commitConflicts: Metric.counter('paychart.commit.conflicts', {
    description: 'commits retried after a version conflict',
    incremental: true,
  }),
  /** Conflicts a payment opened (the gateway disagreeing with itself or with what paychart holds), by kind. */
  conflicts: Metric.counter('paychart.payment.conflicts', { description: 'conflicts opened', incremental: true }),
  /** Gateway calls by command kind, the answer's type and its result status and code. */
  gatewayCalls: Metric.counter('paychart.gateway.calls', { description: 'gateway calls answered', incremental: true }),
  gatewayDuration: Metric.histogram('paychart.gateway.duration', {
    description: 'gateway call duration, ms',
    boundaries: [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000],
  }),
  /** Notifications handled, by outcome (applied, duplicate, unmatched, deferred...). */
  notifications: Metric.counter('paychart.notifications', { description: 'notifications handled', incremental: true }),
  /**
   * From the gateway's act (its paymentTime, captureTime or refundTime) to the commit of its first notification, ms,
   * by notifyType: how late paychart learns what happened. Recorded by the webhook routes of `@paychart/hono`.
   */
  notificationLag: Metric.histogram('paychart.notifications.lag', {
    description: "from the gateway's act to the commit of its notification, ms",
    boundaries: [100, 500, 1_000, 5_000, 15_000, 60_000, 300_000, 900_000, 3_600_000, 21_600_000, 86_400_000],
  }),
  /** Relay passes by outcome, and what they ran. */
  relayPasses: Metric.counter('paychart.relay.passes', { description: 'relay passes', incremental: true }),
  relayItems: Metric.counter('paychart.relay.items', {
    description: 'commands and timers a relay ran',
    incremental: true,
  }),
  /** From the last backlog read (`paychart.health()`): as fresh as that. */
  payments: Metric.gauge('paychart.payments', { description: 'payments by state, at the last backlog read' }),
  unknownOutcomes: Metric.gauge('paychart.unknown_outcomes', {
    description: 'payments waiting for the gateway to tell their outcome',
  }),
  oldestUnknownOutcomeAge: Metric.gauge('paychart.unknown_outcomes.oldest_age', {
    description: 'how long the oldest unknown outcome has waited, ms',
  }),
  pendingCommands: Metric.gauge('paychart.commands.pending', { description: 'outbox items not done' }),
  overdueTimers: Metric.gauge('paychart.timers.overdue', { description: 'timers due and not fired' }),
  relayLastPassAge: Metric.gauge('paychart.relay.last_pass_age', {
    description: 'since the relay last ended a pass, ms',
  }),
} as const

type Attributes = Readonly<Record<string, string>>

const taggedOf = new WeakMap<Metric.Metric<number, unknown>, Map<string, Metric.Metric<number, unknown>>>()

/**
 * `metric` with `attributes`, made once per attribute set and kept: Effect computes a metric's series key once per
 * metric object, so a fresh `withAttributes` on every update would compute it every time. The sets are few (kinds,
 * states, codes).
 */
const tagged = (metric: Metric.Metric<number, unknown>, attributes: Attributes): Metric.Metric<number, unknown> => {
  let made = taggedOf.get(metric)
  if (made === undefined) {
    made = new Map()
    taggedOf.set(metric, made)
  }
  let key = ''
  for (const name in attributes) key += `${name}=${attributes[name]}\u0000`
  const known = made.get(key)
  if (known !== undefined) return known
  const one = Metric.withAttributes(metric, attributes)
  made.set(key, one)
  return one
}

const count = (metric: Metric.Metric<number, unknown>, attributes: Attributes, by = 1) =>
  Metric.update(tagged(metric, attributes), by)

/** A gateway answer as attributes: the command's kind, the answer's type and, when there is one, its result. */
const gatewayAttributes = (kind: string, answer: PaymentEvent): Attributes => {
  const result = 'result' in answer ? answer.result : undefined
  return {
    kind,
    answer: answer.type,
    ...(result === undefined ? {} : { resultStatus: result.resultStatus, resultCode: result.resultCode }),
  }
}

/** The engine observed as `PaychartMetrics`. */
export const metricsObserver: EngineObserverShape = {
  event: (event, from, to) => count(PaychartMetrics.events, { event: event.type, from, to }),
  conflictsOpened: (kinds) =>
    kinds.length === 0
      ? Effect.void
      : Effect.forEach(kinds, (kind) => count(PaychartMetrics.conflicts, { kind }), { discard: true }),
  commitConflict: () => Metric.update(PaychartMetrics.commitConflicts, 1),
  gatewayCall: (kind, answer, durationMs) =>
    Effect.andThen(
      count(PaychartMetrics.gatewayCalls, gatewayAttributes(kind, answer)),
      Metric.update(tagged(PaychartMetrics.gatewayDuration, { kind }), durationMs),
    ),
  notification: (outcome, notifyType) => count(PaychartMetrics.notifications, { outcome, notifyType }),
  notificationLag: (notifyType, lagMs) => Metric.update(tagged(PaychartMetrics.notificationLag, { notifyType }), lagMs),
  relayPass: (outcome, commands, timers) =>
    Effect.all(
      [
        count(PaychartMetrics.relayPasses, { outcome }),
        count(PaychartMetrics.relayItems, { kind: 'command' }, commands),
        count(PaychartMetrics.relayItems, { kind: 'timer' }, timers),
      ],
      { discard: true },
    ),
  backlog: (backlog, oldestUnknownOutcomeAgeMs, relayLastPassAgeMs) =>
    Effect.all(
      [
        ...PAYMENT_STATES.map((state) =>
          Metric.update(tagged(PaychartMetrics.payments, { state }), backlog.payments[state] ?? 0),
        ),
        Metric.update(PaychartMetrics.unknownOutcomes, backlog.unknownOutcomes.count),
        Metric.update(PaychartMetrics.oldestUnknownOutcomeAge, oldestUnknownOutcomeAgeMs ?? 0),
        Metric.update(PaychartMetrics.pendingCommands, backlog.pendingCommands.count),
        Metric.update(PaychartMetrics.overdueTimers, backlog.overdueTimers.count),
        ...(relayLastPassAgeMs === undefined
          ? []
          : [Metric.update(PaychartMetrics.relayLastPassAge, relayLastPassAgeMs)]),
      ],
      { discard: true },
    ),
}

/** Installs `metricsObserver`: what `createPaychart` adds under a `telemetry` layer. */
export const metricsObserverLayer = Layer.succeed(EngineObserver, metricsObserver)
