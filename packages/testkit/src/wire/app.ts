import type { SigningBackend } from '@paychart/antom'
import { Hono } from 'hono'
import type { Simulator } from '../simulator/index.js'
import { apiRoutes } from './api-routes.js'
import { defaultBackend, gatewayKeysOnce, type SimulatorKeys } from './keys.js'
import type { SimBindings } from './node-socket.js'
import { pageRoutes } from './pages.js'

export interface SimulatorAppOptions {
  readonly simulator: Simulator
  readonly keys: SimulatorKeys
  /** The one merchant this gateway serves: requests naming another client id are INVALID_SIGNATURE. */
  readonly clientId: string
  /** Where the RSA work happens; default node:crypto on Node, WebCrypto elsewhere. */
  readonly backend?: SigningBackend
}

export type SimulatorApp = Hono<{ Bindings: SimBindings }>

/**
 * The simulator speaking the Antom protocol: the signed API under `/ams/...` (live and sandbox paths) and the
 * customer pages under `/sim/...`. Serve it with `startSimulatorServer`, behind msw with `simulatorHandlers`, or
 * in-process with `simulatorTransport`; `app.request()` works too (withheld answers then come back as the 599
 * marker of `readWithheld`).
 */
export const createSimulatorApp = ({
  simulator,
  keys,
  clientId,
  backend = defaultBackend(),
}: SimulatorAppOptions): SimulatorApp => {
  const gatewayKeys = gatewayKeysOnce(keys, backend)
  const app: SimulatorApp = new Hono<{ Bindings: SimBindings }>()
  app.route('/', apiRoutes({ simulator, clientId, keys: gatewayKeys }))
  app.route('/', pageRoutes({ simulator }))
  return app
}
