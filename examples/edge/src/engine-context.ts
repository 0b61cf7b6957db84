import { antomGateway, importPublicKey, type Verifier } from '@paychart/antom'
import { DomainEvents, Engine, makeMemoryStore, type PaymentStore } from '@paychart/core'
import { type FetchTransportOptions, fetchTransport } from '@paychart/fetch'
import type { EngineRunner } from '@paychart/hono'
import * as Effect from 'effect/Effect'
import * as Layer from 'effect/Layer'
import * as Scope from 'effect/Scope'
import type { AntomSettings } from './bindings.js'

export interface EngineSetup extends AntomSettings {
  /** Default: a memory store, alive as long as the isolate (not durable: bring your own for production). */
  readonly store?: Layer.Layer<PaymentStore>
  /** Where domain events go (`authorized`, `readyToShip`, ...). Default: dropped. */
  readonly domainEvents?: Layer.Layer<DomainEvents>
  /** Options of the fetch transport to the gateway (timeouts, retries, another `fetch`). */
  readonly transport?: FetchTransportOptions
}

export interface EngineContext {
  readonly run: EngineRunner
  /** The gateway's key, to verify notifications. */
  readonly verifier: Verifier
}

const dropDomainEvents = Layer.succeed(DomainEvents, { publish: () => Effect.void })

/**
 * The engine over the store, `antomGateway` over the fetch transport (signing on WebCrypto) and the domain events,
 * built once; its scope stays open for the isolate's life. Fails on a key that does not import.
 */
export const buildEngineContext = (setup: EngineSetup) =>
  Effect.gen(function* () {
    const { store, domainEvents, transport, ...antom } = setup
    const gateway = antomGateway(antom).pipe(Layer.provide(fetchTransport(transport)))
    const layer = Engine.layer.pipe(
      Layer.provide(Layer.mergeAll(store ?? makeMemoryStore().layer, gateway, domainEvents ?? dropDomainEvents)),
    )
    const scope = yield* Scope.make()
    const context = yield* Layer.buildWithScope(layer, scope)
    const verifier = yield* importPublicKey(antom.antomPublicKey)
    const run: EngineRunner = (effect) => Effect.runPromiseExit(Effect.provideContext(effect, context))
    return { run, verifier } satisfies EngineContext
  })
