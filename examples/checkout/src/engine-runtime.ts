import {
  type AntomConfig,
  antomGateway,
  type BackendUnavailable,
  type InvalidKey,
  type Transport,
} from '@paychart/antom'
import {
  type DomainEvents,
  Engine,
  type PaymentStore,
  RelayScheduler,
  type RelaySchedulerOptions,
} from '@paychart/core'
import { Layer, ManagedRuntime } from 'effect'

export interface EngineRuntimeOptions {
  readonly gateway: AntomConfig
  readonly transport: Layer.Layer<Transport>
  readonly store: Layer.Layer<PaymentStore>
  readonly domainEvents: Layer.Layer<DomainEvents>
  /** Runs the relay (committed commands nobody ran, due timers) on a schedule while the runtime lives. */
  readonly relay?: RelaySchedulerOptions
}

/** The engine over the store and the Antom gateway, with the relay scheduler beside it when asked for. */
export const makeEngineRuntime = ({ gateway, transport, store, domainEvents, relay }: EngineRuntimeOptions) => {
  const gatewayLayer = antomGateway({ ...gateway, signing: 'node' }).pipe(Layer.provide(transport))
  const engine = Engine.layer.pipe(Layer.provide(Layer.mergeAll(store, gatewayLayer, domainEvents)))
  const layer: Layer.Layer<Engine, InvalidKey | BackendUnavailable> =
    relay === undefined ? engine : RelayScheduler.layer(relay).pipe(Layer.provideMerge(engine))
  // A bad key is a configuration defect: it surfaces when the runtime is built (`start()` at boot), not per request.
  return ManagedRuntime.make(Layer.orDie(layer))
}
