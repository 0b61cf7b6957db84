import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import type { SigningBackend } from '@paychart/antom'
import { createSimulator, type Simulator } from '../simulator/index.js'
import { createSimulatorApp, type SimulatorApp } from './app.js'
import { generateSimulatorKeys, type SimulatorKeys } from './keys.js'
import { deliverNotifications } from './notify.js'

export interface SimulatorServerOptions {
  /** Default 0: a free port. */
  readonly port?: number
  /** Default 127.0.0.1. */
  readonly host?: string
  /** Default `SANDBOX_PAYCHART_SIM`: the sandbox paths. */
  readonly clientId?: string
  /** Default: a new simulator whose customer pages live on this server. */
  readonly simulator?: Simulator
  /** Default: fresh throwaway keys. */
  readonly keys?: SimulatorKeys
  readonly backend?: SigningBackend
}

export interface SimulatorServer {
  /** `http://<host>:<port>`, the client's `baseUrl`. */
  readonly url: string
  readonly clientId: string
  readonly keys: SimulatorKeys
  readonly simulator: Simulator
  readonly app: SimulatorApp
  /** Delivers the notifications due now (see `deliverNotifications`). */
  readonly deliverNotifications: () => Promise<number>
  /** Stops listening and cuts every open connection, held ones included. */
  readonly close: () => Promise<void>
}

const listen = (server: Server, port: number, host: string): Promise<AddressInfo> =>
  new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve(server.address() as AddressInfo)
    })
  })

/** The simulator app on Node's HTTP server: withheld answers hold the socket, then destroy it. */
export const startSimulatorServer = async (options: SimulatorServerOptions = {}): Promise<SimulatorServer> => {
  const { port = 0, host = '127.0.0.1', clientId = 'SANDBOX_PAYCHART_SIM' } = options
  const keys = options.keys ?? (await generateSimulatorKeys())
  let app: SimulatorApp | undefined
  const server = createAdaptorServer({
    fetch: (request, env) => (app === undefined ? new Response(null, { status: 503 }) : app.fetch(request, env)),
  }) as Server
  const address = await listen(server, port, host)
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`
  const simulator = options.simulator ?? createSimulator({ baseUrl: url })
  app = createSimulatorApp({
    simulator,
    keys,
    clientId,
    ...(options.backend === undefined ? {} : { backend: options.backend }),
  })
  return {
    url,
    clientId,
    keys,
    simulator,
    app,
    deliverNotifications: () =>
      deliverNotifications({
        simulator,
        keys,
        clientId,
        ...(options.backend === undefined ? {} : { backend: options.backend }),
      }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)))
        server.closeAllConnections()
      }),
  }
}
