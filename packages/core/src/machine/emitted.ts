import type { Command } from './commands.js'
import type { Refusal } from './context.js'

/**
 * What the machine tells whoever runs it, through XState's `emit`: read from the actions `transition()` returns, or
 * heard with `actor.on(...)` under `createActor`.
 */
export type PaymentEmitted =
  /** Something to do: a gateway call, a timer, a domain event to publish. The engine runs it; the machine never does. */
  | { readonly type: 'command'; readonly command: Command }
  /** A merchant intent the payment does not take, and why. */
  | { readonly type: 'refused'; readonly refusal: Refusal }
  /** A notification the payment cannot take yet: the engine does not commit it, and the gateway delivers it again. */
  | { readonly type: 'deferred' }
