import type { EdgeBindings } from './bindings.js'

/**
 * A workerd config serving `bundle` (a path relative to the config file) as an ES module worker on `port`, with the
 * bindings as text bindings. Outbound fetches go through a network service that may reach loopback and private
 * addresses (the default `internet` service allows public ones only), so the worker can call a local gateway.
 */
export const workerdConfig = (options: {
  readonly bundle: string
  readonly port: number
  readonly bindings: Required<EdgeBindings>
}): string => {
  const bindings = Object.entries(options.bindings)
    .map(([name, value]) => `    (name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)}),`)
    .join('\n')
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "edge", worker = .edgeWorker),
    (name = "net", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${options.port}", http = (), service = "edge")],
);

const edgeWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed ${JSON.stringify(options.bundle)})],
  compatibilityDate = "2026-11-01",
  globalOutbound = "net",
  bindings = [
${bindings}
  ],
);
`
}
