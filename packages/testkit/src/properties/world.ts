import { antomGateway, decodeNotification, NOTIFICATION_ACK_BODY, notificationEvent, Transport } from '@paychart/antom'
import {
  type DomainEvent,
  DomainEvents,
  Engine,
  type EngineShape,
  makeMemoryStore,
  makeSecretVault,
  type NotificationOutcome,
  PaymentStore,
  type SecretVault,
} from '@paychart/core'
import type { PaymentStoreShape } from '@paychart/core/store'
import * as Clock from 'effect/Clock'
import * as Duration from 'effect/Duration'
import * as Effect from 'effect/Effect'
import * as Exit from 'effect/Exit'
import * as Fiber from 'effect/Fiber'
import * as Layer from 'effect/Layer'
import * as Logger from 'effect/Logger'
import * as References from 'effect/References'
import type { CallFaultRequest } from '../simulator/faults.js'
import { createSimulator, type Simulator } from '../simulator/simulator.js'
import { createSimulatorApp } from '../wire/app.js'
import type { SimulatorKeys } from '../wire/keys.js'
import { simulatorTransport } from '../wire/transport.js'
import { commandLedger } from './command-ledger.js'
import { commitTurns } from './commit-turns.js'
import { type HeldWrite, heldWrites } from './held-writes.js'
import { type SleepingClock, sleepingClock } from './sleeping-clock.js'
import { watchedGateway } from './slow-gateway.js'
import { type WebhookHandler, type WebhookUnderTest, webhookPoster } from './webhook.js'
import { type FaultedWrite, type WriteFault, writeFaults } from './write-faults.js'

/**
 * A store under test. `dump` reads what was really written (past the store's own read paths) as text, for the
 * card-data check; `reopen` is a second client over the same data, used after a simulated crash.
 */
export interface StoreUnderTest {
  readonly store: PaymentStoreShape
  readonly dump: () => string | Promise<string>
  readonly reopen?: () => PaymentStoreShape | Promise<PaymentStoreShape>
  readonly close?: () => void | Promise<void>
}

/** Called once per generated flow: a fresh, empty store. */
export type MakeStore = () => StoreUnderTest | Promise<StoreUnderTest>

const mapsAsArrays = (_key: string, value: unknown): unknown =>
  value instanceof Map ? [...value.entries()] : value instanceof Set ? [...value] : value

/** The memory store, with its raw tables as the dump and `shareTablesWith` for the restart. */
export const memoryStoreUnderTest: MakeStore = () => {
  const memory = makeMemoryStore()
  return {
    store: memory.store,
    dump: () => JSON.stringify(memory.raw, mapsAsArrays),
    reopen: () => makeMemoryStore({ shareTablesWith: memory.raw }).store,
  }
}

export const CLIENT_ID = 'SANDBOX_PAYCHART_MODEL'
export const BASE_URL = 'https://gateway.model.test'
export const NOTIFY_URL = 'https://shop.model.test/antom/notify'
export const REDIRECT_URL = 'https://shop.model.test/return'
export const T0 = Date.UTC(2026, 10, 22, 12, 0, 0)
/** The engine's inline lease: after a crash, a relay may run the commands it held only after this. */
export const INLINE_LEASE_MS = 30_000

/** Where the system yields: between store operations and around gateway calls. */
export type Pause = (label: string) => Promise<void>

/** A clock whose wall time is the manual clock, and whose sleeps end when the manual clock passes them. */
const clockOver = ({ clock, sleepUntil }: SleepingClock): Clock.Clock => {
  const real = Effect.runSync(Clock.clockWith(Effect.succeed))
  const now = clock.now
  return {
    currentTimeMillisUnsafe: now,
    currentTimeMillis: Effect.sync(now),
    currentTimeNanosUnsafe: () => BigInt(now()) * 1_000_000n,
    currentTimeNanos: Effect.sync(() => BigInt(now()) * 1_000_000n),
    monotonicTimeNanosUnsafe: () => real.monotonicTimeNanosUnsafe(),
    monotonicTimeNanos: real.monotonicTimeNanos,
    sleep: (duration) => sleepUntil(now() + Duration.toMillis(duration)),
  }
}

/** Every operation of `store` preceded by a pause: another handler may run between any two of them. */
const pausing = (store: PaymentStoreShape, pause: (label: string) => Effect.Effect<void>): PaymentStoreShape => {
  const wrapped: Record<string, unknown> = {}
  for (const [name, operation] of Object.entries(store)) {
    wrapped[name] = (...args: ReadonlyArray<unknown>) =>
      Effect.andThen(pause(`store.${name}`), () =>
        (operation as (...a: ReadonlyArray<unknown>) => Effect.Effect<unknown, unknown>)(...args),
      )
  }
  return wrapped as unknown as PaymentStoreShape
}

/** How long after an AUTOMATIC authorization the simulated gateway captures it. */
export const AUTO_CAPTURE_DELAY_MS = 5_000

export interface PublishedFact {
  readonly paymentRequestId: string
  readonly event: DomainEvent
  /** Which engine (0 before the first crash) published it. */
  readonly generation: number
  /** What the gateway had captured of the payment when it was published (minor units). */
  readonly gatewayCaptured: number
}

export type CrashPoint = 'beforeCall' | 'afterCall'

/** This instance of the merchant's service (the one a crash kills and the merchant calls), or another one. */
export type Instance = 'this' | 'other'

export interface WorldOptions {
  readonly keys: SimulatorKeys
  readonly makeStore: MakeStore
  /** A pause between store operations and around gateway calls; default `Effect.yieldNow` while handlers run side by side, none otherwise. */
  readonly pause?: Pause
  /** The merchant's own webhook: every notification is posted to it, signed, instead of handed to the engine. */
  readonly webhook?: WebhookUnderTest
}

/** How notifications are delivered: `together` posts every due one at once, as a gateway with many payments does. */
export interface Delivering {
  readonly acknowledge?: boolean
  readonly limit?: number
  readonly together?: boolean
}

/** What became of one delivery: the engine's outcome, or (through a merchant's webhook) what the webhook answered. */
export type DeliveryOutcome = NotificationOutcome | 'acknowledged' | 'refused' | 'failed' | 'undecodable'

/** Thrown out of `run` when the process "crashed" during the effect. */
export class Crashed extends Error {
  constructor() {
    super('the process crashed (simulated)')
  }
}

/**
 * The system under test: the real Engine over the store under test, the real antomGateway (signed requests and
 * answers) over the simulator's in-process transport, notifications decoded and handed to the engine as a webhook
 * would, every log line captured. A crash drops the engine and its secret vault and keeps the store.
 */
export const makeWorld = async (options: WorldOptions) => {
  const time = sleepingClock(T0)
  const { clock } = time
  // The gateway captures an AUTOMATIC authorization a little after it, as a real one may: until then, nothing ships.
  const simulator: Simulator = createSimulator({
    now: clock.now,
    baseUrl: BASE_URL,
    defaultNotifyUrl: NOTIFY_URL,
    autoCaptureDelayMs: AUTO_CAPTURE_DELAY_MS,
  })
  const app = createSimulatorApp({ simulator, keys: options.keys, clientId: CLIENT_ID, backend: 'node' })
  const under = await options.makeStore()
  const logs: Array<string> = []
  const published: Array<PublishedFact> = []
  /** Messages of errors the engine returned: checked for card data too. */
  const errors: Array<string> = []
  /** Notifications the webhook could not decode. */
  const undecodable: Array<{ readonly notifyType: string; readonly body: string; readonly reason: string }> = []
  let pause: Pause | undefined = options.pause
  /** Handlers running side by side: each store operation yields, so that another may run in between. */
  let concurrent = 0
  const pauseEffect = (label: string): Effect.Effect<void> => {
    const current = pause
    if (current !== undefined) return Effect.promise(() => current(label))
    return concurrent > 0 ? Effect.yieldNow : Effect.void
  }

  let interleaved = false
  /** Deliveries running now, and whether two ever ran at once (the same notification may then be handled twice). */
  let deliveriesInFlight = 0
  let deliveriesOverlapped = false
  const inflight: Array<Promise<void>> = []
  const inflightFailures: Array<unknown> = []
  let crashAt: CrashPoint | undefined
  let crashed = false
  let generation = 0

  const transport = Layer.effect(
    Transport,
    Effect.gen(function* () {
      const real = yield* Transport
      return Transport.of({
        send: (request) =>
          Effect.gen(function* () {
            yield* pauseEffect('gateway.send')
            if (crashAt === 'beforeCall') {
              crashAt = undefined
              crashed = true
              return yield* Effect.interrupt
            }
            const answer = yield* real.send(request)
            if (crashAt === 'afterCall') {
              crashAt = undefined
              crashed = true
              return yield* Effect.interrupt
            }
            yield* pauseEffect('gateway.answer')
            return answer
          }),
      })
    }),
  ).pipe(Layer.provide(simulatorTransport(app)))

  const watched = watchedGateway(
    antomGateway({
      clientId: CLIENT_ID,
      merchantPrivateKey: options.keys.merchantPrivateKey,
      antomPublicKey: options.keys.gatewayPublicKey,
      baseUrl: BASE_URL,
      signing: 'node',
    }).pipe(Layer.provide(transport)),
    time,
  )
  const gateway = watched.layer

  const collector = Logger.make((entry) => {
    logs.push(`${Logger.formatLogFmt.log(entry)} ${JSON.stringify(entry.message)}`)
  })
  const engineClock = clockOver(time)

  const turns = commitTurns()
  const faults = writeFaults()
  const ledger = commandLedger()
  const held = heldWrites()
  // The engine's vault, read by the card-data check; a crash loses it with the engine (see `restart`).
  let vault: SecretVault = makeSecretVault()
  const buildEngine = async (store: PaymentStoreShape, vault: SecretVault): Promise<EngineShape> => {
    const current = generation
    const domain = Layer.succeed(DomainEvents, {
      publish: (paymentRequestId: string, event: DomainEvent) =>
        Effect.sync(() => {
          const gatewayCaptured = simulator.payment(paymentRequestId)?.captured.minor ?? 0
          published.push({ paymentRequestId, event, generation: current, gatewayCaptured })
        }),
    })
    const layer = Engine.layerWith({ vault }).pipe(
      Layer.provide(
        Layer.mergeAll(
          Layer.succeed(PaymentStore, pausing(held.wrap(turns.wrap(ledger.wrap(faults.wrap(store)))), pauseEffect)),
          gateway,
          domain,
        ),
      ),
    )
    return Effect.runPromise(Effect.provide(Engine.use(Effect.succeed), layer))
  }

  let store = under.store
  let engine = await buildEngine(store, vault)
  /**
   * Another instance of the merchant's service over the same data (built when the webhook first moves to it; see
   * `routeWebhook`): its own engine, vault and kept payments, which the payments this instance moves make stale. It
   * is not the process a crash kills.
   */
  let other: { readonly engine: EngineShape; readonly webhook: WebhookHandler | undefined } | undefined
  let webhookOn: Instance = 'this'
  let deliveredElsewhere = 0
  let relayedElsewhere = 0
  const engineOn = (instance: Instance): EngineShape =>
    instance === 'other' && other !== undefined ? other.engine : engine

  const provided = <A, E>(effect: Effect.Effect<A, E>): Effect.Effect<A, E> =>
    effect.pipe(
      Effect.provideService(Clock.Clock, engineClock),
      Effect.provideService(References.MinimumLogLevel, 'All'),
      Effect.provideService(Logger.CurrentLoggers, new Set([collector])),
    )

  /** Runs an engine call to its Exit; a crash during it throws `Crashed` (the caller restarts). */
  const run = async <A, E>(
    make: (engine: EngineShape) => Effect.Effect<A, E>,
    instance: Instance = 'this',
  ): Promise<Exit.Exit<A, E>> => {
    const fiber = Effect.runFork(provided(Effect.suspend(() => make(engineOn(instance)))))
    const exit = await Effect.runPromise(Effect.exit(Fiber.join(fiber)))
    if (crashed) throw new Crashed()
    if (Exit.isFailure(exit)) errors.push(String(exit.cause))
    return exit
  }

  /** Work running beside other work: meanwhile each store operation yields (see `pauseEffect`). */
  const sideBySide = async <A>(work: () => Promise<A>): Promise<A> => {
    concurrent += 1
    try {
      return await work()
    } finally {
      concurrent -= 1
    }
  }

  /** Several engine calls at once (one process): their exits, in order. */
  const runConcurrently = async (
    makes: ReadonlyArray<(engine: EngineShape) => Effect.Effect<unknown, unknown>>,
  ): Promise<ReadonlyArray<Exit.Exit<unknown, unknown>>> => {
    const all = Effect.all(
      makes.map((make) => Effect.exit(Effect.suspend(() => make(engine)))),
      { concurrency: 'unbounded' },
    )
    const exits = await sideBySide(() => Effect.runPromise(provided(all)))
    if (crashed) throw new Crashed()
    for (const exit of exits) if (Exit.isFailure(exit)) errors.push(String(exit.cause))
    return exits
  }

  const post = options.webhook === undefined ? undefined : await webhookPoster(options.webhook, options.keys, CLIENT_ID)
  const makeWebhook = async (instance: Instance = 'this'): Promise<WebhookHandler | undefined> =>
    options.webhook?.make({
      run: (effect) => run((e) => Effect.provideService(effect, Engine, e), instance),
      antomPublicKey: options.keys.gatewayPublicKey,
      clientId: CLIENT_ID,
      now: clock.now,
    })
  let webhook = await makeWebhook()

  /** The process dies: the engine, its vault and the webhook are gone, the store stays; new ones start over it. */
  const restart = async () => {
    crashed = false
    crashAt = undefined
    generation += 1
    store = under.reopen === undefined ? under.store : await under.reopen()
    vault = makeSecretVault()
    engine = await buildEngine(store, vault)
    webhook = await makeWebhook()
  }

  /** The gateway's notifications go to this instance or, from now on, to the other one (built the first time). */
  const routeWebhook = async (to: Instance) => {
    if (to === 'other' && other === undefined) {
      const otherStore = under.reopen === undefined ? under.store : await under.reopen()
      other = { engine: await buildEngine(otherStore, makeSecretVault()), webhook: await makeWebhook('other') }
    }
    webhookOn = to
  }

  /** Faults for the gateway to enact from a given time on: queued when the clock reaches it (see `deferFault`). */
  const deferred: Array<{ readonly at: number; readonly fault: CallFaultRequest }> = []
  const armDueFaults = () => {
    const now = clock.now()
    for (const entry of deferred.filter((e) => e.at <= now)) {
      deferred.splice(deferred.indexOf(entry), 1)
      simulator.faults.next(entry.fault)
    }
  }

  let relayedAt: number | undefined
  let passes = 0
  /**
   * One relay pass under this process's owner name; once another instance runs, its relay passes at the same time
   * (each instance runs its own on its schedule), claiming from the same outbox and timers. This one's exit is returned.
   */
  const relay = async () => {
    await time.settle()
    relayedAt = clock.now()
    const options = { leaseMs: INLINE_LEASE_MS, limit: 100 }
    const pass = (instance: Instance) =>
      run(
        (e) => e.runRelay({ owner: instance === 'other' ? 'relay-other' : `relay-${generation}`, ...options }),
        instance,
      )
    if (other === undefined) return pass('this')
    // The one that starts first claims what is due; they take turns at it.
    passes += 1
    const hereFirst = passes % 2 === 0
    const [first, second] = await sideBySide(() =>
      Promise.all(hereFirst ? [pass('this'), pass('other')] : [pass('other'), pass('this')]),
    )
    const [exit, there] = hereFirst ? [first, second] : [second, first]
    if (Exit.isSuccess(there)) relayedElsewhere += there.value.commands + there.value.timers
    return exit
  }

  /**
   * Time passes: each call held back by a `landsLate` fault reaches the gateway at its own time (the gateway does not
   * wait for this process's relay), then the relay makes a pass (due timers, commands nobody ran). Every command that
   * lets time pass goes through here, so that no late call waits longer than its own delay: a stretch without a relay
   * (a process down) fires a watch's looks after a send landed inside the watch, as it would.
   */
  const passTime = async (ms: number) => {
    const end = clock.now() + ms
    for (let next = simulator.nextLateCallAt(); next !== undefined && next < end; next = simulator.nextLateCallAt()) {
      clock.set(Math.max(next, clock.now()))
      await time.settle()
      simulator.deliverLateCalls()
    }
    clock.set(end)
    armDueFaults()
    simulator.deliverLateCalls()
    return relay()
  }

  /**
   * Delivers the notifications due now, as the merchant's webhook would: decode, hand to the engine, acknowledge.
   * `answer: false` handles them but no acknowledgement reaches the gateway (it sends them again later);
   * `limit` handles only the first ones, the rest get no answer.
   */
  const deliver = async (options: Delivering = {}): Promise<ReadonlyArray<DeliveryOutcome>> => {
    const outcomes: Array<DeliveryOutcome> = []
    deliveriesInFlight += 1
    if (deliveriesInFlight > 1) deliveriesOverlapped = true
    try {
      const due = simulator.dueNotifications()
      if (options.together === true) await Promise.all(due.map((delivery) => deliverOne(delivery, outcomes, options)))
      else {
        for (const [index, delivery] of due.entries()) {
          if (options.limit !== undefined && index >= options.limit)
            simulator.acknowledge(delivery.notificationId, undefined)
          else await deliverOne(delivery, outcomes, options)
        }
      }
    } finally {
      deliveriesInFlight -= 1
    }
    return outcomes
  }

  const deliverOne = async (
    delivery: ReturnType<Simulator['dueNotifications']>[number],
    outcomes: Array<DeliveryOutcome>,
    options: Delivering,
  ): Promise<void> => {
    let handler = webhook
    if (webhookOn === 'other') {
      deliveredElsewhere += 1
      handler = other?.webhook
    }
    if (handler !== undefined && post !== undefined) {
      const answer = await post(handler, delivery, clock.now())
      // The webhook may catch what the engine threw; a crash during it is still the process dying.
      if (crashed) throw new Crashed()
      if (answer.verdict === 'undecodable') {
        const reason = `the webhook answered 400: ${answer.text}`
        undecodable.push({ notifyType: delivery.notifyType, body: JSON.stringify(delivery.body), reason })
      }
      outcomes.push(answer.verdict)
      simulator.acknowledge(delivery.notificationId, options.acknowledge === false ? undefined : answer.text)
      return
    }
    const body = JSON.stringify(delivery.body)
    const decodedExit = await Effect.runPromiseExit(decodeNotification(body))
    if (Exit.isFailure(decodedExit)) {
      // As a webhook would: a body it cannot read is answered with an error, so the gateway sends it again.
      undecodable.push({ notifyType: delivery.notifyType, body, reason: String(decodedExit.cause) })
      outcomes.push('undecodable')
      simulator.acknowledge(delivery.notificationId, undefined)
      return
    }
    const decoded = decodedExit.value
    const { event, notificationKey } = notificationEvent(decoded, clock.now())
    const exit = await run((e) => e.handleNotification(event, { notificationKey, body }), webhookOn)
    const outcome = Exit.isSuccess(exit) ? exit.value : 'failed'
    outcomes.push(outcome)
    const acked =
      outcome !== 'failed' && outcome !== 'unmatched' && outcome !== 'deferred' && options.acknowledge !== false
    simulator.acknowledge(delivery.notificationId, acked ? JSON.parse(NOTIFICATION_ACK_BODY) : undefined)
  }

  return {
    clock,
    simulator,
    logs,
    published,
    errors,
    undecodable,
    run,
    runConcurrently,
    relay,
    passTime,
    deliver,
    restart,
    routeWebhook,
    /** How many notifications the other instance was handed. */
    deliveredElsewhere: () => deliveredElsewhere,
    /** How many commands and timers the other instance's relay ran. */
    relayedElsewhere: () => relayedElsewhere,
    /** The next call of `kind` waits `ms` of the world's time before it leaves; resolves as it starts waiting. */
    slowNext: watched.slowNext,
    cancelSlow: watched.cancelSlow,
    /** The first command the gateway was called for twice at once, if any. */
    callOverlap: watched.overlap,
    /** The first commandId the engine gave two different commands (see `commandLedger`). */
    commandClash: ledger.clash,
    /** The first answer to a command committed after a newer answer to it (see `commandLedger`). */
    answerBehind: ledger.answerBehind,
    /**
     * Holds back this payment's next commit of a gateway answer, or its next marking done of a published domain
     * event, until released (see `heldWrites`).
     */
    holdNext: (paymentRequestId: string, write: HeldWrite) => held.holdNext(paymentRequestId, write),
    /** Holds no write any more; one held now goes on. */
    cancelHold: held.cancel,
    /** Resolves once the engine's timers the clock's last moves woke have acted (see `SleepingClock.settle`). */
    settleTimers: time.settle,
    /** The next gateway call crashes the process, before the request leaves or after the gateway acted. */
    crashOnNextCall: (point: CrashPoint) => {
      crashAt = point
    },
    /** The store fails the next create or commit of this payment: before it writes, or after, its answer lost. */
    failNextWrite: (paymentRequestId: string, fault: WriteFault, write?: FaultedWrite) =>
      faults.arm(paymentRequestId, fault, write),
    /** Disarms the write fault; whether it failed a write. */
    disarmWriteFault: () => faults.disarm(),
    /** How many writes the store failed as armed. */
    writesFailed: faults.failed,
    /** The turns in which two commits or more reached the store (a group commit on SQLite and Postgres). */
    commitTurns: turns.seen,
    /** Whether two deliveries ever ran at the same time in this flow. */
    deliveriesOverlapped: () => deliveriesOverlapped,
    /** Whether commands start their action and return (a scheduler interleaves them) instead of awaiting it. */
    interleaved: () => interleaved,
    setInterleaved: (on: boolean) => {
      interleaved = on
    },
    /**
     * Keeps an action started in interleaved mode. Its own postconditions compare before and after, which other
     * actions in flight may legitimately change, so they are dropped; any other failure is kept for `drain`.
     */
    track: (action: Promise<void>) => {
      inflight.push(
        action.catch((error: unknown) => {
          const { property, detail } = error as { readonly property?: string; readonly detail?: string }
          // Started before the create it refers to has committed: not found, legitimately.
          const early = property === 'no-unexpected-failure' && detail?.includes('PaymentNotFound') === true
          if (property !== 'intent-postcondition' && !early) inflightFailures.push(error)
        }),
      )
    },
    /** Waits for every action started in interleaved mode; throws the first failure among them. */
    drain: async () => {
      await Promise.all(inflight)
      inflight.length = 0
      const [first] = inflightFailures
      if (first !== undefined) throw first
    },
    /** Replaces the pause (undefined: `Effect.yieldNow`), e.g. once a scheduler stops driving the run. */
    setPause: (next: Pause | undefined) => {
      pause = next
    },
    disarmCrash: () => {
      crashAt = undefined
    },
    /**
     * `fault` for the calls made from `at` on: a gateway that fails a day later, when only the engine's own timers are
     * still asking. Unlike a queued fault it outlives quiescence's clearing; it is queued once the clock reaches `at`.
     */
    deferFault: (at: number, fault: CallFaultRequest) => {
      deferred.push({ at, fault })
    },
    /** Queues the deferred faults whose time has come; every pass of time (and quiescence's each round) calls it. */
    armDueFaults,
    store: () => store,
    dump: async () => under.dump(),
    generation: () => generation,
    /** The card data and OTP codes the engine holds in memory now. */
    vault: () => vault,
    /** When the last relay pass began, if one did. */
    relayedAt: () => relayedAt,
    close: async () => {
      await under.close?.()
    },
  }
}

export type World = Awaited<ReturnType<typeof makeWorld>>
