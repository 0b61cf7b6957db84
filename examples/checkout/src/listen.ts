import type { Server } from 'node:http'
import { type AddressInfo, createServer } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import type { Hono } from 'hono'

export interface Listening {
  /** `http://<host>:<port>` */
  readonly url: string
  /** Stops listening and cuts open connections (keep-alive ones included). */
  readonly close: () => Promise<void>
}

/** Serves a Hono app on Node: `port` 0 takes a free one; resolves once it is listening. */
export const listen = (
  app: Hono,
  { port, host = '127.0.0.1' }: { readonly port: number; readonly host?: string },
): Promise<Listening> => {
  const server = createAdaptorServer({ fetch: app.fetch }) as Server
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      const address = server.address() as AddressInfo
      resolve({
        url: `http://${host}:${address.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error === undefined ? done() : fail(error)))
            server.closeAllConnections()
          }),
      })
    })
  })
}

/** A port free now: a shop's public URL is configuration, known before the app is built and listening. */
export const freePort = (host = '127.0.0.1'): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, host, () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })
