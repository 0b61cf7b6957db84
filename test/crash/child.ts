// One incarnation of the merchant's server: it may be SIGKILLed at any moment and started again on the same store.
import { serve } from '@hono/node-server'
import { antomGateway, importPublicKey } from '@paychart/antom'
import { collectDomainEvents, Engine, type PaymentSecrets, type PaymentStatus, PaymentStore } from '@paychart/core'
import { fetchTransport } from '@paychart/fetch'
import { webhookRoutes } from '@paychart/hono'
import { Effect, Exit, Layer, ManagedRuntime, Redacted } from 'effect'
import { type CrashAt, crashingGateway, crashingStore, makeCrasher } from './crash-points.js'
import { openStore, parseLocation } from './crash-store.js'
import {
  CARD_NUMBER,
  captureRequestId,
  isSettled,
  paymentInput,
  plannedPayments,
  REFUND,
  refundRequestId,
} from './plan.js'

const env = (name: string): string => {
  const value = process.env[name]
  if (value === undefined || value === '') throw new Error(`the child needs ${name}`)
  return value
}

const log = (line: string) =>
  process.stderr.write(`[child ${process.pid} +${Math.round(process.uptime() * 1000)}ms] ${line}\n`)
const crash = makeCrasher(
  process.env.CRASH === undefined || process.env.CRASH === '' ? undefined : (JSON.parse(process.env.CRASH) as CrashAt),
  log,
)
const clientId = env('CLIENT_ID')
const port = Number(env('WEBHOOK_PORT'))
const notifyUrl = `http://127.0.0.1:${port}/antom/notify/payment`
const payments = plannedPayments(env('ROUND'))

const opened = await openStore(parseLocation(env('STORE')))
const store = crashingStore(opened.store, crash, log)
const gateway = crashingGateway(crash).pipe(
  Layer.provide(
    antomGateway({
      clientId,
      merchantPrivateKey: env('MERCHANT_PRIVATE_KEY'),
      antomPublicKey: env('GATEWAY_PUBLIC_KEY'),
      baseUrl: env('SIM_URL'),
    }),
  ),
  Layer.provide(fetchTransport({ timeoutMs: 1_500, maxAttempts: 1 })),
)
// Leases shorter than a restart: what a killed incarnation held is free again by the time the next one looks.
const LEASE_MS = 2_000
const runtime = ManagedRuntime.make(
  Engine.layerWith({ inlineLeaseMs: LEASE_MS }).pipe(
    Layer.provide(Layer.mergeAll(Layer.succeed(PaymentStore, store), gateway, collectDomainEvents().layer)),
    Layer.orDie,
  ),
)
const run = <A, E>(effect: Effect.Effect<A, E, Engine>) => runtime.runPromiseExit(effect)

const verifier = await Effect.runPromise(importPublicKey(env('GATEWAY_PUBLIC_KEY')))
const server = serve({
  fetch: webhookRoutes({ run, antomPublicKey: verifier, clientId }).fetch,
  port,
  hostname: '127.0.0.1',
})

const cardSecrets: PaymentSecrets = {
  cardMetaData: Redacted.make({ cardNo: CARD_NUMBER, cvv: '123', expiryMonth: '12', expiryYear: '30' }),
}

/** Moves one payment on as its plan says, from wherever the last incarnation left it. */
const advance = async (payment: (typeof payments)[number]): Promise<PaymentStatus | undefined> => {
  const id = payment.paymentRequestId
  const secrets = payment.plan === 'wallet' ? undefined : cardSecrets
  const known = await run(Engine.use((e) => e.status(id)))
  if (Exit.isFailure(known)) {
    const created = await run(Engine.use((e) => e.createPayment(paymentInput(payment, notifyUrl, Date.now()), secrets)))
    return Exit.isSuccess(created) ? created.value : undefined
  }
  const status = known.value
  const next: Effect.Effect<unknown, unknown, Engine> | undefined =
    status.state === 'draft'
      ? Engine.use((e) => e.handle(id, { type: 'SUBMIT', at: Date.now() }, secrets === undefined ? {} : { secrets }))
      : status.state === 'authorized' && payment.plan !== 'cardAuto' && status.capture === undefined
        ? Engine.use((e) => e.capture(id, { captureRequestId: captureRequestId(id) }))
        : status.state === 'captured' && payment.plan === 'cardRefund' && status.refunds.length === 0
          ? Engine.use((e) => e.refund(id, { refundRequestId: refundRequestId(id), amount: REFUND }))
          : undefined
  if (next !== undefined) await run(next)
  const after = await run(Engine.use((e) => e.status(id)))
  return Exit.isSuccess(after) ? after.value : undefined
}

// Orphaned (the test runner went away): stop rather than run on unwatched.
const parent = process.ppid
log(`started${process.env.CRASH ? ` (crash ${process.env.CRASH})` : ''}`)
for (;;) {
  // All at once, as a server takes requests: their commits meet in one turn, and the stores commit them as a group.
  const statuses = await Promise.all(payments.map(advance))
  await run(Engine.use((e) => e.runRelay({ owner: `child-${process.pid}`, leaseMs: LEASE_MS, limit: 20 })))
  const stored = await Promise.all(payments.map((p) => Effect.runPromise(opened.store.load(p.paymentRequestId))))
  const settled = payments.every((payment, i) => {
    const status = statuses[i]
    const row = stored[i]
    if (status === undefined || row === undefined) return false
    return isSettled(payment.plan, status)
  })
  if (settled) break
  if (process.ppid !== parent) process.exit(1)
  await new Promise((resolve) => setTimeout(resolve, 100))
}
log('every payment settled')
server.close()
await runtime.dispose()
await opened.close()
process.exit(0)
