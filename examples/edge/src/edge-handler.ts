import type { RelayOptions, RelayReport } from '@paychart/core'
import { Engine } from '@paychart/core'
import {
  checkoutRoutes,
  type EngineRunner,
  type RawBodyEnv,
  type WebhookRoutesOptions,
  webhookRoutes,
} from '@paychart/hono'
import * as Effect from 'effect/Effect'
import * as Exit from 'effect/Exit'
import { Hono } from 'hono/tiny'
import { buildEngineContext, type EngineContext, type EngineSetup } from './engine-context.js'

export interface EdgeHandlerConfig extends EngineSetup {
  /** Where the checkout routes live. Default `/payments`. */
  readonly checkoutPath?: string
  /** The notify routes. Default `/antom/notify/payment`, `/antom/notify/capture`, `/antom/notify/refund`. */
  readonly notifyPaths?: WebhookRoutesOptions['paths']
  /**
   * More routes over the same engine, mounted at `/`: the merchant routes of `@paychart/hono` behind your auth, say.
   * Taken as a function so that a worker without them bundles none of their code.
   */
  readonly routes?: (run: EngineRunner) => Hono<RawBodyEnv>
}

/** A plain fetch handler, plus the relay pass to run from a cron trigger (timers, commands left by a crash). */
export interface EdgeHandler {
  (request: Request): Promise<Response>
  readonly relay: (options?: Partial<RelayOptions>) => Promise<RelayReport>
}

const unavailable = (reason: string) =>
  Response.json(
    { error: { tag: 'HandlerUnavailable', message: `the payment handler could not start: ${reason}` } },
    { status: 503 },
  )

const reasonOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && '_tag' in error ? String(error._tag) : 'unexpected error'

const appOver = (engine: EngineContext, config: EdgeHandlerConfig): Hono => {
  const app = new Hono()
  app.route(
    '/',
    webhookRoutes({
      run: engine.run,
      antomPublicKey: engine.verifier,
      clientId: config.clientId,
      ...(config.notifyPaths === undefined ? {} : { paths: config.notifyPaths }),
    }),
  )
  app.route(
    '/',
    checkoutRoutes({
      run: engine.run,
      ...(config.checkoutPath === undefined ? {} : { basePath: config.checkoutPath }),
    }),
  )
  if (config.routes !== undefined) app.route('/', config.routes(engine.run))
  return app
}

/**
 * The webhook and checkout routes of `@paychart/hono` on one app, over the Engine: `(request) => Promise<Response>`
 * for Workers, Deno, Bun or Node. The engine is built on the first request (keys imported with WebCrypto); a
 * configuration that fails answers 503 naming the error's tag, and the next request tries again.
 */
export const createEdgeHandler = (config: EdgeHandlerConfig): EdgeHandler => {
  let started: Promise<{ engine: EngineContext; app: Hono }> | undefined
  const start = () => {
    started ??= Effect.runPromise(buildEngineContext(config)).then(
      (engine) => ({ engine, app: appOver(engine, config) }),
      (error: unknown) => {
        started = undefined
        throw error
      },
    )
    return started
  }
  const handler = async (request: Request): Promise<Response> => {
    const ready = await start().then(
      (value) => value,
      (error: unknown) => reasonOf(error),
    )
    return typeof ready === 'string' ? unavailable(ready) : ready.app.fetch(request)
  }
  const relay = async (options: Partial<RelayOptions> = {}): Promise<RelayReport> => {
    const { engine } = await start()
    const exit = await engine.run(
      Engine.use((e) => e.runRelay({ owner: 'edge', leaseMs: 30_000, limit: 50, ...options })),
    )
    if (Exit.isSuccess(exit)) return exit.value
    throw new Error('the relay pass failed: the store is unavailable')
  }
  return Object.assign(handler, { relay })
}
