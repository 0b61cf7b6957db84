import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { antomGateway, importPublicKey } from '@paychart/antom'
import { collectDomainEvents, Engine, RelayScheduler } from '@paychart/core'
import { fetchTransport } from '@paychart/fetch'
import { checkoutRoutes, webhookRoutes } from '@paychart/hono'
import { makePostgresStore } from '@paychart/storage-postgres'
import { Cause, Effect, Exit, Layer, ManagedRuntime } from 'effect'
import { Hono } from 'hono'
import { READY, readConfig } from './instance-config.js'

// One app instance of the scale-out test: the engine over the shared Postgres schema and the simulator over HTTP,
// the webhook and checkout routes on its own port, and a relay running in the background.

const config = readConfig(process.env)
// claimAfterMs: a relay leaves a new command to the instance that committed it (and holds its card data) for 3 s.
const postgres = await makePostgresStore({
  connectionString: config.databaseUrl,
  schema: config.schema,
  maxConnections: 4,
  claimAfterMs: 3_000,
})
const gateway = antomGateway({
  clientId: config.clientId,
  merchantPrivateKey: config.merchantPrivateKey,
  antomPublicKey: config.gatewayPublicKey,
  baseUrl: config.simulatorUrl,
}).pipe(
  Layer.provide(fetchTransport({ timeoutMs: 10_000, maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 200 })),
  // The keys come from the simulator that is running: a key it cannot import is a broken test, not an outcome.
  Layer.orDie,
)
// A command claimed inline by an instance that dies is taken over by a relay elsewhere 5 s later.
const engine = Engine.layerWith({ inlineLeaseMs: 5_000, inlineOwner: `inline-${config.name}` }).pipe(
  Layer.provide(Layer.mergeAll(postgres.layer, gateway, collectDomainEvents().layer)),
)
const relay = RelayScheduler.layer({ owner: `relay-${config.name}`, every: '200 millis', leaseMs: 15_000, limit: 50 })
const runtime = ManagedRuntime.make(relay.pipe(Layer.provideMerge(engine)))
const run = <A, E>(effect: Effect.Effect<A, E, Engine>) => runtime.runPromiseExit(effect)
await runtime.runPromise(RelayScheduler.use(() => Effect.void))

const app = new Hono()
app.route(
  '/',
  webhookRoutes({
    run,
    antomPublicKey: await Effect.runPromise(importPublicKey(config.gatewayPublicKey)),
    clientId: config.clientId,
  }),
)
app.route('/', checkoutRoutes({ run }))
// The merchant's back office: capture an authorized payment (the checkout routes leave that to the merchant).
app.post('/payments/:paymentRequestId/capture', async (c) => {
  const exit = await run(Engine.use((e) => e.capture(c.req.param('paymentRequestId'))))
  if (Exit.isSuccess(exit)) return c.json(exit.value, 200)
  const error = Cause.squash(exit.cause)
  const tag = typeof error === 'object' && error !== null && '_tag' in error ? String(error._tag) : 'Defect'
  return c.json({ error: { tag } }, tag === 'IntentRejected' ? 409 : 500)
})

const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
  console.log(`${READY} ${info.port}`)
})

const stop = async () => {
  server.close()
  await runtime.dispose()
  await postgres.close()
  process.exit(0)
}
process.once('SIGTERM', () => void stop())
process.once('SIGINT', () => void stop())
