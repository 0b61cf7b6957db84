import type { Layer } from 'effect'
import type { DomainEvents } from '../engine/domain-events.js'
import type { EngineOptions } from '../engine/engine.js'
import type { Gateway } from '../engine/gateway.js'
import type { RelaySchedulerOptions } from '../engine/relay-scheduler.js'
import type { DomainEvent } from '../machine/domain-events.js'
import type { PaymentStore } from '../store/payment-store.js'

/** Hears every domain event after its commit, at least once (a crash may repeat one); awaited before the call returns. */
export type DomainEventListener = (paymentRequestId: string, event: DomainEvent) => void | Promise<void>

export interface PaychartOptions {
  /** The gateway port: `antomOverFetch(config)` from `@paychart/fetch`, or `antomGateway(config)` over a transport. */
  readonly gateway: Layer.Layer<Gateway, unknown>
  /** The store: `sqliteStoreLayer(...)`, `postgresStoreLayer(...)`, `makeMemoryStore().layer`, or your own. */
  readonly store: Layer.Layer<PaymentStore, unknown>
  /** Where domain events go: a function, or a `DomainEvents` layer. Default: dropped. */
  readonly events?: DomainEventListener | Layer.Layer<DomainEvents>
  /**
   * The relay (timers, commands a crash left): on by default, a pass every second. `false` when something else runs
   * `runRelay` (a cron trigger on the edge).
   */
  readonly relay?: false | RelaySchedulerOptions
  readonly engine?: EngineOptions
  /**
   * Where spans, metrics and logs go: a layer that installs a tracer and a metric reader, such as
   * `NodeSdk.layer(...)` from `@effect/opentelemetry`. It is provided to everything paychart builds (the relay's
   * fiber too). Default: none (Effect's own spans, exported nowhere).
   */
  // biome-ignore lint/suspicious/noExplicitAny: any layer that needs nothing; what it provides is not read by name
  readonly telemetry?: Layer.Layer<any>
}
