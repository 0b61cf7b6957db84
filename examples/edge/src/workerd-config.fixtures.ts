import type { EdgeBindings } from './bindings.js'

export interface WorkerdConfigOptions {
  /** The bundle, a path relative to the config file. */
  readonly bundle: string
  readonly port: number
  readonly bindings: EdgeBindings
  /**
   * With it, the bundle is the Cloudflare entry: its two Durable Object classes, SQLite-backed, bound as
   * `PAYCHART_PAYMENTS` and `PAYCHART_INDEX`, their files under `disk` (an absolute path), kept across restarts.
   */
  readonly durableObjects?: { readonly disk: string }
}

const durableParts = (disk: string) => ({
  service: `    (name = "do-disk", disk = (path = ${JSON.stringify(disk)}, writable = true)),\n`,
  bindings: `    (name = "PAYCHART_PAYMENTS", durableObjectNamespace = "PaymentObject"),
    (name = "PAYCHART_INDEX", durableObjectNamespace = "PaymentIndexObject"),\n`,
  worker: `  durableObjectNamespaces = [
    (className = "PaymentObject", uniqueKey = "paychart-payments", enableSql = true),
    (className = "PaymentIndexObject", uniqueKey = "paychart-index", enableSql = true),
  ],
  durableObjectStorage = (localDisk = "do-disk"),\n`,
})

/**
 * A workerd config serving `bundle` as an ES module worker on `port`, with the bindings as text bindings. Outbound
 * fetches go through a network service that may reach loopback and private addresses (the default `internet`
 * service allows public ones only), so the worker can call a local gateway.
 */
export const workerdConfig = (options: WorkerdConfigOptions): string => {
  const text = Object.entries(options.bindings)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `    (name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)}),\n`)
    .join('')
  const durable = options.durableObjects === undefined ? undefined : durableParts(options.durableObjects.disk)
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "edge", worker = .edgeWorker),
    (name = "net", network = (allow = ["public", "private", "local"])),
${durable?.service ?? ''}  ],
  sockets = [(name = "http", address = "127.0.0.1:${options.port}", http = (), service = "edge")],
);

const edgeWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed ${JSON.stringify(options.bundle)})],
  compatibilityDate = "2026-11-01",
  globalOutbound = "net",
${durable?.worker ?? ''}  bindings = [
${text}${durable?.bindings ?? ''}  ],
);
`
}
