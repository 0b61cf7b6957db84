import type { AntomConfig, Transport } from '@paychart/antom'
import {
  createSimulator,
  createSimulatorApp,
  deliverNotifications,
  generateSimulatorKeys,
  type NotificationLoop,
  type Simulator,
  type SimulatorApp,
  type SimulatorKeys,
  type SimulatorServer,
  simulatorTransport,
  startNotificationLoop,
  startSimulatorServer,
} from '@paychart/testkit'
import type { Layer } from 'effect'

const CLIENT_ID = 'SANDBOX_PAYCHART_CHECKOUT'

const configOf = (clientId: string, keys: SimulatorKeys, baseUrl: string): AntomConfig => ({
  clientId,
  merchantPrivateKey: keys.merchantPrivateKey,
  antomPublicKey: keys.gatewayPublicKey,
  baseUrl,
})

export interface InProcessSimulator {
  readonly simulator: Simulator
  /** The simulator's Hono app: its API and its customer pages (`/sim/3ds/...`), reached with `app.request()`. */
  readonly app: SimulatorApp
  readonly gateway: AntomConfig
  /** The gateway's calls go straight into the simulator's app: no socket. */
  readonly transport: Layer.Layer<Transport>
  /** Delivers the notifications due now through `fetch` (e.g. the checkout app's own `request`). */
  readonly deliver: (fetch: (url: string, init: RequestInit) => Promise<Response>) => Promise<number>
}

/** The simulator inside this process, for tests and the README: `baseUrl` only names its pages' origin. */
export const inProcessSimulator = async (baseUrl = 'http://simulator.local'): Promise<InProcessSimulator> => {
  const keys = await generateSimulatorKeys()
  const simulator = createSimulator({ baseUrl })
  const app = createSimulatorApp({ simulator, keys, clientId: CLIENT_ID })
  return {
    simulator,
    app,
    gateway: configOf(CLIENT_ID, keys, baseUrl),
    transport: simulatorTransport(app),
    deliver: (fetch) => deliverNotifications({ simulator, keys, clientId: CLIENT_ID, fetch }),
  }
}

export interface LocalSimulator {
  readonly server: SimulatorServer
  readonly gateway: AntomConfig
  /** Stops delivering notifications, then closes the server. */
  readonly close: () => Promise<void>
}

/**
 * The simulator as a real HTTP server (its API and its 3DS, wallet and Checkout pages) on `port` (0: a free one),
 * delivering due notifications to the URLs the payments named every `notifyEveryMs`.
 */
export const startLocalSimulator = async ({
  port = 0,
  notifyEveryMs = 500,
  onError = () => {},
}: {
  readonly port?: number
  readonly notifyEveryMs?: number
  readonly onError?: (error: unknown) => void
} = {}): Promise<LocalSimulator> => {
  const server = await startSimulatorServer({ port, clientId: CLIENT_ID })
  const loop: NotificationLoop = startNotificationLoop({
    simulator: server.simulator,
    keys: server.keys,
    clientId: server.clientId,
    intervalMs: notifyEveryMs,
    onError,
  })
  return {
    server,
    gateway: configOf(server.clientId, server.keys, server.url),
    close: async () => {
      await loop.stop()
      await server.close()
    },
  }
}
