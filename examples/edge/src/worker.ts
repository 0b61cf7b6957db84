import { type EdgeBindings, MissingBindings, settingsFromBindings } from './bindings.js'
import { createEdgeHandler, type EdgeHandler } from './edge-handler.js'

/** What Workers hands to `scheduled` (a cron trigger); only `waitUntil` is used. */
interface ScheduledContext {
  readonly waitUntil: (promise: Promise<unknown>) => void
}

let handler: EdgeHandler | undefined

/** One handler per isolate, made from the first env seen: the memory store lives as long as the isolate. */
const handlerFor = (env: EdgeBindings): EdgeHandler => {
  handler ??= createEdgeHandler(settingsFromBindings({ ...env }))
  return handler
}

const missing = (error: MissingBindings) =>
  Response.json({ error: { tag: error._tag, message: error.message } }, { status: 503 })

/**
 * The module worker: `fetch` for Workers (`env` holds the bindings), Deno (`Deno.env.toObject()`) and Bun
 * (`Bun.env`); `scheduled` runs a relay pass from a cron trigger.
 */
export default {
  fetch: (request: Request, env: EdgeBindings = {}): Promise<Response> => {
    try {
      return handlerFor(env)(request)
    } catch (error) {
      if (error instanceof MissingBindings) return Promise.resolve(missing(error))
      throw error
    }
  },
  scheduled: (_controller: unknown, env: EdgeBindings, context: ScheduledContext): void => {
    context.waitUntil(handlerFor(env).relay())
  },
}
