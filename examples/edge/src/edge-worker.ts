import type { PaymentStore } from '@paychart/core'
import type * as Layer from 'effect/Layer'
import { type EdgeBindings, MissingBindings, settingsFromBindings } from './bindings.js'
import { createEdgeHandler, type EdgeHandler, type EdgeHandlerConfig } from './edge-handler.js'

/** What Workers hands to `scheduled` (a cron trigger); only `waitUntil` is used. */
export interface ScheduledContext {
  readonly waitUntil: (promise: Promise<unknown>) => void
}

const missing = (error: MissingBindings) =>
  Response.json({ error: { tag: error._tag, message: error.message } }, { status: 503 })

export interface EdgeWorkerOptions<Env> {
  /** The store for this env; without one, a memory store lives as long as the isolate. */
  readonly store?: (env: Env) => Layer.Layer<PaymentStore> | undefined
  /** More routes for this env (see `EdgeHandlerConfig.routes`). */
  readonly routes?: (env: Env) => EdgeHandlerConfig['routes']
}

/**
 * A module worker over one edge handler per isolate, made from the first env seen: `fetch` for Workers (`env` holds
 * the bindings), Deno (`Deno.env.toObject()`) and Bun (`Bun.env`); `scheduled` runs a relay pass from a cron
 * trigger.
 */
export const edgeWorker = <Env extends EdgeBindings>(options: EdgeWorkerOptions<Env> = {}) => {
  let handler: EdgeHandler | undefined
  const handlerFor = (env: Env): EdgeHandler => {
    if (handler !== undefined) return handler
    const store = options.store?.(env)
    const routes = options.routes?.(env)
    handler = createEdgeHandler({
      ...settingsFromBindings({ ...(env as Readonly<Record<string, unknown>>) }),
      ...(store === undefined ? {} : { store }),
      ...(routes === undefined ? {} : { routes }),
    })
    return handler
  }
  const worker = {
    fetch: (request: Request, env: Env = {} as Env): Promise<Response> => {
      try {
        return handlerFor(env)(request)
      } catch (error) {
        if (error instanceof MissingBindings) return Promise.resolve(missing(error))
        throw error
      }
    },
    scheduled: (_controller: unknown, env: Env, context: ScheduledContext): void => {
      context.waitUntil(handlerFor(env).relay())
    },
  }
  return { handlerFor, worker }
}
