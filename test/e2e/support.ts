import {
  antomGateway,
  decodeNotification,
  importPublicKey,
  NOTIFICATION_ACK_BODY,
  notificationEvent,
  verifyNotification,
} from '@paychart/antom'
import {
  collectDomainEvents,
  Engine,
  makeMemoryStore,
  type PaymentInput,
  type PaymentSecrets,
  type PaymentStatus,
} from '@paychart/core'
import { fetchTransport } from '@paychart/fetch'
import {
  createSimulator,
  createSimulatorApp,
  deliverNotifications,
  manualClock,
  type Simulator,
  type SimulatorKeys,
  simulatorHandlers,
  TEST_CARDS,
} from '@paychart/testkit'
import { Clock, Effect, Layer, Redacted } from 'effect'
import type { SetupServerApi } from 'msw/node'

export const clientId = 'SANDBOX_PAYCHART_SIM'
export const baseUrl = 'https://gateway.e2e.test'
export const notifyUrl = 'https://shop.e2e.test/antom/notify'
export const T0 = Date.UTC(2026, 10, 22, 12, 0, 0)

export const cardNumber = (description: string): string => {
  const card = TEST_CARDS.find((c) => c.description === description)
  if (card === undefined) throw new Error(`no test card "${description}"`)
  return card.number
}
export const EVERY_CARD = TEST_CARDS.map((c) => c.number)

const UNMATCHED_BODY = JSON.stringify({
  result: { resultCode: 'ORDER_NOT_EXIST', resultStatus: 'F', resultMessage: 'no payment matches this notification' },
})

export const usd = (minor: number) => ({ currency: 'USD' as const, minor })

const details = (paymentMethodType: string | undefined, minor: number) => ({
  order: {
    referenceOrderId: 'ORDER-1',
    orderDescription: 'Cappuccino',
    orderAmount: usd(minor),
    buyer: { referenceBuyerId: 'BUYER-1' },
  },
  env: { terminalType: 'WEB' },
  settlementStrategy: { settlementCurrency: 'USD' },
  paymentRedirectUrl: 'https://shop.e2e.test/return',
  paymentNotifyUrl: notifyUrl,
  ...(paymentMethodType === undefined ? {} : { paymentMethod: { paymentMethodType } }),
})

export const cardInput = (
  paymentRequestId: string,
  captureMode: 'MANUAL' | 'AUTOMATIC',
  minor = 1_099,
): PaymentInput => ({
  paymentRequestId,
  amount: usd(minor),
  paymentMethodType: 'CARD',
  captureMode,
  requestDetails: details('CARD', minor),
})

export const methodInput = (paymentRequestId: string, paymentMethodType: string, minor = 1_099): PaymentInput => ({
  paymentRequestId,
  amount: usd(minor),
  paymentMethodType,
  requestDetails: details(paymentMethodType, minor),
})

export const sessionInput = (paymentRequestId: string, minor = 1_099): PaymentInput => ({
  paymentRequestId,
  amount: usd(minor),
  flow: 'checkoutSession',
  requestDetails: details(undefined, minor),
})

export const cardSecrets = (cardNo: string): PaymentSecrets => ({
  cardMetaData: Redacted.make({ cardNo, cvv: '123', expiryMonth: '12', expiryYear: '30' }),
})

/** A Clock whose wall time is the simulator's manual clock; sleeping still takes real time (fetch timeouts). */
const clockOver = (now: () => number): Clock.Clock => {
  const real = Effect.runSync(Clock.clockWith(Effect.succeed))
  return {
    currentTimeMillisUnsafe: now,
    currentTimeMillis: Effect.sync(now),
    currentTimeNanosUnsafe: () => BigInt(now()) * 1_000_000n,
    currentTimeNanos: Effect.sync(() => BigInt(now()) * 1_000_000n),
    monotonicTimeNanosUnsafe: () => real.monotonicTimeNanosUnsafe(),
    monotonicTimeNanos: real.monotonicTimeNanos,
    sleep: (duration) => real.sleep(duration),
  }
}

export interface WorldOptions {
  /** Fetch transport options: small timeouts for the timeout scenario. */
  readonly timeoutMs?: number
  readonly maxAttempts?: number
}

export type World = ReturnType<typeof makeWorld>

/**
 * One simulator (manual clock) behind msw, the real antomGateway over the real fetch transport, the real Engine
 * over a memory store, and in-process notification delivery verified and decoded like a webhook would.
 */
export const makeWorld = (server: SetupServerApi, keys: SimulatorKeys, options: WorldOptions = {}) => {
  const clock = manualClock(T0)
  const simulator: Simulator = createSimulator({ now: clock.now, baseUrl, defaultNotifyUrl: notifyUrl })
  const app = createSimulatorApp({ simulator, keys, clientId })
  server.use(...simulatorHandlers({ app, baseUrl }))

  const memory = makeMemoryStore()
  const domain = collectDomainEvents()
  const gateway = antomGateway({
    clientId,
    merchantPrivateKey: keys.merchantPrivateKey,
    antomPublicKey: keys.gatewayPublicKey,
    baseUrl,
  }).pipe(
    Layer.provide(
      fetchTransport({
        timeoutMs: options.timeoutMs ?? 5_000,
        maxAttempts: options.maxAttempts ?? 1,
        baseDelayMs: 1,
        maxDelayMs: 2,
      }),
    ),
  )
  const layer = Engine.layer.pipe(Layer.provide(Layer.mergeAll(memory.layer, gateway, domain.layer)))
  const engineClock = clockOver(clock.now)

  const run = <A, E>(effect: Effect.Effect<A, E, Engine>): Promise<A> =>
    Effect.runPromise(effect.pipe(Effect.provide(layer), Effect.provideService(Clock.Clock, engineClock)))
  /** Runs the effect to its Exit: for expected failures such as IntentRejected. */
  const exit = <A, E>(effect: Effect.Effect<A, E, Engine>) =>
    Effect.runPromise(Effect.exit(effect).pipe(Effect.provide(layer), Effect.provideService(Clock.Clock, engineClock)))

  const verifier = Effect.runPromise(importPublicKey(keys.gatewayPublicKey))
  const outcomes: Array<string> = []
  const received: Array<string> = []
  /** Bodies the simulator sent that the wire schemas refused: a disagreement between the two, never expected. */
  const malformed: Array<string> = []

  /** The merchant's webhook, in-process: verify, decode, map, hand to the engine, acknowledge. */
  const webhook = async (url: string, init: RequestInit): Promise<Response> => {
    const body = typeof init.body === 'string' ? init.body : ''
    const headers = new Headers(init.headers)
    const publicKey = await verifier
    const checked = await Effect.runPromise(
      Effect.exit(verifyNotification({ path: new URL(url).pathname, clientId, headers, body, publicKey })),
    )
    if (checked._tag === 'Failure') return new Response('bad signature', { status: 401 })
    const decoded = await Effect.runPromise(Effect.exit(decodeNotification(body)))
    if (decoded._tag === 'Failure') {
      malformed.push(body)
      return new Response('malformed notification', { status: 400 })
    }
    const notification = decoded.value
    received.push(notification.notifyType)
    const { event, notificationKey: key } = notificationEvent(notification, clock.now())
    const outcome = await run(Engine.use((engine) => engine.handleNotification(event, { notificationKey: key, body })))
    outcomes.push(outcome)
    // As the Hono route does: a notification for no known payment (yet), or one the payment cannot take yet, is not
    // acknowledged, so it comes again.
    if (outcome === 'unmatched' || outcome === 'deferred') return new Response(UNMATCHED_BODY, { status: 404 })
    return new Response(NOTIFICATION_ACK_BODY, { status: 200, headers: { 'content-type': 'application/json' } })
  }

  const deliver = () => deliverNotifications({ simulator, keys, clientId, fetch: webhook })
  /** Delivers until nothing more is due now. */
  const deliverAll = async () => {
    for (let i = 0; i < 10; i++) if ((await deliver()) === 0) break
    if (malformed.length > 0) throw new Error(`the simulator sent notifications that do not decode: ${malformed}`)
  }

  const engine = Engine
  const status = (id: string) => run(Engine.use((e) => e.status(id)))
  const relay = () => run(Engine.use((e) => e.runRelay({ owner: 'relay', leaseMs: 30_000, limit: 50 })))

  return {
    clock,
    simulator,
    memory,
    domain,
    engine,
    run,
    exit,
    deliver,
    deliverAll,
    outcomes,
    received,
    status,
    relay,
  }
}

/** The simulator's word for each local state that has settled. */
const SIM_STATUS: Partial<Record<PaymentStatus['state'], string>> = {
  authorized: 'authorized',
  captured: 'captured',
  refunded: 'captured',
  cancelled: 'cancelled',
  failed: 'failed',
  awaitingCustomer: 'pending',
  awaitingOtp: 'pending',
}

/** The local payment agrees with the simulator's: status, ids and amounts. */
export const agreesWithSimulator = (local: PaymentStatus, simulator: Simulator): string[] => {
  const problems: string[] = []
  const remote = simulator.payment(local.paymentRequestId)
  if (remote === undefined) return [`the simulator has no payment ${local.paymentRequestId}`]
  const expected = SIM_STATUS[local.state]
  if (expected === undefined) problems.push(`local state ${local.state} has not settled`)
  else if (remote.status !== expected) problems.push(`local ${local.state}, simulator ${remote.status}`)
  if (local.paymentId !== undefined && local.paymentId !== remote.paymentId)
    problems.push(`paymentId ${local.paymentId} vs ${remote.paymentId}`)
  if (local.captured.minor !== remote.captured.minor)
    problems.push(`captured ${local.captured.minor} vs ${remote.captured.minor}`)
  if (local.refunded.minor !== remote.refunded.minor)
    problems.push(`refunded ${local.refunded.minor} vs ${remote.refunded.minor}`)
  // What the gateway told of the card with the issuer's answer (paid or declined) reaches the merchant.
  for (const [field, value] of Object.entries(remote.toldCard ?? {})) {
    const kept = local.card?.[field as keyof NonNullable<typeof remote.toldCard>]
    if (kept !== value) problems.push(`card ${field} ${String(kept)} vs ${value}`)
  }
  return problems
}

const mapsAsArrays = (_key: string, value: unknown): unknown =>
  value instanceof Map ? [...value.entries()] : value instanceof Set ? [...value] : value

/** Card numbers found in the store's raw tables or the simulator's snapshot. */
export const leakedCards = (world: Pick<World, 'memory' | 'simulator'>): string[] => {
  const text = JSON.stringify(world.memory.raw, mapsAsArrays) + JSON.stringify(world.simulator.snapshot(), mapsAsArrays)
  if (!text.includes('paymentRequestId')) throw new Error('the raw tables serialised to nothing')
  return EVERY_CARD.filter((number) => text.includes(number))
}
