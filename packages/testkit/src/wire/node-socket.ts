import { hold, type Withheld, withheldResponse } from './silence.js'

/** What the app needs of `@hono/node-server`'s bindings (`c.env.incoming`): the request's socket. */
export interface NodeSocketLike {
  readonly destroyed: boolean
  destroy(): void
  once(event: 'close', listener: () => void): unknown
}

/** The app's Hono bindings: present (from `@hono/node-server`) only when served by Node's HTTP server. */
export interface SimBindings {
  readonly incoming?: { readonly socket?: NodeSocketLike }
}

const closed = (socket: NodeSocketLike): AbortSignal => {
  const controller = new AbortController()
  if (socket.destroyed) controller.abort()
  else socket.once('close', () => controller.abort())
  return controller.signal
}

/**
 * Keeps a call unanswered. Served by Node: holds the request until `holdMs` passes or the client goes away, then
 * destroys the socket (the client sees a reset, or its own timeout). Anywhere else: the withheld marker, for the
 * adapter (msw, the in-process transport) to enact.
 */
export const withhold = async (env: SimBindings | undefined, withheld: Withheld): Promise<Response> => {
  const socket = env?.incoming?.socket
  if (socket === undefined) return withheldResponse(withheld)
  await hold(withheld.holdMs, closed(socket))
  socket.destroy()
  // Never written: the socket is gone. node-server needs a Response to finish its bookkeeping.
  return new Response(null, { status: 204 })
}
