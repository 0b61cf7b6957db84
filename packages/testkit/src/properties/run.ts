import fc from 'fast-check'
import { capturesSeparately } from '../simulator/methods.js'
import type { SimulatorKeys } from '../wire/keys.js'
import { generateSimulatorKeys } from '../wire/keys.js'
import { type CommandOptions, paymentCommands } from './commands/index.js'
import { type Observed, PropertyViolation, reversalIdOf } from './invariants.js'
import { emptyModel, type Model } from './model.js'
import { checkAtQuiescence } from './quiescence.js'
import { schedulerSeed, seededScheduler } from './seeded-scheduler.js'
import type { WebhookUnderTest } from './webhook.js'
import { type MakeStore, makeWorld, memoryStoreUnderTest, type Pause, type World } from './world.js'

export interface PaymentPropertiesOptions {
  /** A fresh store per generated flow; default the memory store. */
  readonly makeStore?: MakeStore
  /**
   * Your own webhook over the engine under test (a Hono app's `fetch`, say): every notification is posted to it,
   * signed by the simulated gateway, and its answer is the acknowledgement. Default: handed to the engine directly.
   */
  readonly webhook?: WebhookUnderTest
  /** Generated flows; default `FC_RUNS`, else 100. */
  readonly runs?: number
  /** Default `FC_SEED`, else random. Printed either way. */
  readonly seed?: number
  /** With `seed`, replays one failing flow (`FC_PATH`): the path printed with a failure. */
  readonly path?: string
  /** With `seed` and `path`, fast-check's commands replay hint (`FC_REPLAY_PATH`), printed with a failure. */
  readonly replayPath?: string
  /** Commands per flow, at most; default 25. */
  readonly maxCommands?: number
  /** fast-check's size for the number of commands; default '+1' (one notch above fast-check's default). */
  readonly size?: fc.SizeForArbitrary
  /** Interleavings chosen by fast-check's scheduler (`scheduledModelRun`) instead of `asyncModelRun`. */
  readonly scheduled?: boolean
  readonly commands?: CommandOptions
  /** The simulator's RSA keys; default generated once per call. */
  readonly keys?: SimulatorKeys
  /** A name for the printed lines. */
  readonly name?: string
  /** Where the seed line and the failure go; default `console.info`. */
  readonly log?: (line: string) => void
  /** Stop generating after this many milliseconds (the flows run so far count); default none. */
  readonly timeLimitMs?: number
}

export interface PaymentPropertiesReport {
  readonly name: string
  readonly seed: number
  readonly runs: number
  readonly failed: boolean
  /** The property that failed (its name), when it was one of ours. */
  readonly property?: string
  readonly error?: string
  /** The shrunk flow: one command per line. */
  readonly counterexample?: ReadonlyArray<string>
  readonly path?: string
  readonly shrinks?: number
  /** fast-check's `replayPath` of the commands (with seed and path it replays the shrunk flow at once). */
  readonly replayPath?: string
  readonly durationMs: number
  /** What the flows reached (final states, crashes, faults that hit, calls, notifications): a depth check. */
  readonly coverage: Readonly<Record<string, number>>
}

const envNumber = (name: string): number | undefined => {
  const value = typeof process === 'undefined' ? undefined : process.env[name]
  return value === undefined || value === '' ? undefined : Number(value)
}

const envString = (name: string): string | undefined =>
  typeof process === 'undefined' ? undefined : (process.env[name] ?? undefined)

interface Outcome {
  readonly failed: boolean
  readonly numRuns: number
  readonly numShrinks: number
  readonly errorInstance: unknown
  readonly counterexample: ReadonlyArray<unknown> | null
  readonly counterexamplePath: string | null
}

const outcomeOf = <Ts extends ReadonlyArray<unknown>>(details: fc.RunDetails<Ts>): Outcome => ({
  failed: details.failed,
  numRuns: details.numRuns,
  numShrinks: details.numShrinks,
  errorInstance: details.errorInstance,
  counterexample: details.counterexample,
  counterexamplePath: details.counterexamplePath,
})

/** One generated flow from an empty system: the commands, then quiescence and the final checks. */
const bump = (coverage: Record<string, number>, key: string, by = 1) => {
  coverage[key] = (coverage[key] ?? 0) + by
}

/**
 * Whether `reached` holds of an entry of a payment's timeline before the gateway told the payment's own result (its
 * notice, or an inquiry's answer), which the engine then asks for: a card's facts come with that result alone.
 */
const beforeOwnResult = (
  timeline: Observed['timeline'],
  reached: (entry: Observed['timeline'][number]) => boolean,
): boolean => {
  for (const entry of timeline) {
    if (entry.event.type === 'PAYMENT_NOTIFIED' || entry.event.type === 'INQUIRY_ANSWERED') return false
    if (reached(entry)) return true
  }
  return false
}

/** Counts `key` once for the flow when `reached`: how many flows reached it. */
const flowsWith = (coverage: Record<string, number>, key: string, reached: boolean) => {
  if (reached) bump(coverage, `flows with ${key}`)
}

/**
 * What the flows reached: final states, faults that hit a call, crashes, notifications sent twice; and how many
 * flows reached each fault the money properties are about (racing intents, faults on refunds, unsigned and lying
 * answers and notifications, dashboard refunds, late results after a cancel).
 */
const countCoverage = (
  coverage: Record<string, number>,
  world: World,
  model: Model,
  seen: ReadonlyMap<string, Observed>,
) => {
  bump(coverage, 'flows')
  const calls = world.simulator.calls()
  const notifications = world.simulator.notifications()
  for (const payment of model.payments) {
    bump(coverage, `payments ending ${seen.get(payment.id)?.status.state ?? 'unknown'}`)
    if (payment.refundIds.size > 0 || payment.asksWithoutId.refund > 0) bump(coverage, 'payments with a refund asked')
    if (payment.spec.kind === 'wallet' && capturesSeparately(payment.spec.method)) {
      bump(coverage, 'payments by a wallet captured apart')
    }
    if (payment.spec.kind === 'session') {
      bump(coverage, 'Checkout Page sessions')
      if (world.simulator.payment(payment.id)?.paidAt !== undefined) bump(coverage, 'Checkout Page sessions paid')
    }
  }
  const attempts = new Map<string, number>()
  for (const payment of model.payments) attempts.set(payment.order, (attempts.get(payment.order) ?? 0) + 1)
  bump(coverage, 'orders', attempts.size)
  bump(coverage, 'orders with two or more attempts', [...attempts.values()].filter((n) => n >= 2).length)
  bump(coverage, 'orders with a race between attempts', model.racedOrders.size)
  const createdAt = (id: string) => world.simulator.payment(id)?.createdAt
  bump(
    coverage,
    'orders where an attempt was paid after a later one started',
    new Set(
      model.payments
        .filter((p) => {
          const paidAt = world.simulator.payment(p.id)?.paidAt
          const later = model.payments.find((q) => q.order === p.order && q.attempt > p.attempt)
          const laterAt = later === undefined ? undefined : createdAt(later.id)
          return paidAt !== undefined && laterAt !== undefined && paidAt > laterAt
        })
        .map((p) => p.order),
    ).size,
  )
  bump(coverage, 'attempts refused while an earlier one was open', model.attemptsRefusedOpen)
  bump(
    coverage,
    'late successes reversed by a refund',
    [...seen.values()].filter(({ status }) =>
      status.refunds.some((r) => r.refundRequestId === reversalIdOf(status.paymentRequestId)),
    ).length,
  )
  bump(coverage, 'crashes', model.crashes)
  if (world.deliveriesOverlapped()) bump(coverage, 'flows with deliveries at the same time')
  flowsWith(coverage, 'notifications handled by another instance', world.deliveredElsewhere() > 0)
  flowsWith(coverage, "commands or timers run by another instance's relay", world.relayedElsewhere() > 0)
  bump(coverage, 'store writes failed (before writing, or their answer lost)', world.writesFailed())
  const turns = world.commitTurns()
  if (turns.groups > 0) bump(coverage, 'flows with commits of one turn (a group commit)')
  bump(coverage, 'turns with commits of several payments', turns.acrossPayments)
  bump(coverage, 'calls hit by a fault', calls.filter((c) => c.fault !== undefined).length)
  bump(coverage, 'gateway calls', calls.length)
  bump(coverage, 'notifications queued', notifications.length)
  const faulted = (endpoint: string) => calls.some((c) => c.endpoint === endpoint && c.fault !== undefined)
  const timelines = [...seen.values()].flatMap((observed) => observed.timeline)
  const conflicts = [...seen.values()].flatMap((observed) => observed.status.conflicts)
  const refundSends = new Map<string, number>()
  for (const c of calls) {
    if (c.endpoint === 'refund' && c.ids.refundRequestId !== undefined)
      refundSends.set(c.ids.refundRequestId, (refundSends.get(c.ids.refundRequestId) ?? 0) + 1)
  }
  flowsWith(coverage, 'racing merchant intents', model.racingIntents > 0)
  flowsWith(coverage, 'a call waiting as its lease lapsed', model.callsPastLease > 0)
  flowsWith(coverage, 'an answer written after its lease lapsed', model.answersHeldPastLease > 0)
  flowsWith(
    coverage,
    'published events marked done after the lease of the call behind them lapsed',
    model.completionsHeldPastLease > 0,
  )
  flowsWith(coverage, 'an intent refused as RequestIdReused', model.idsReused > 0)
  flowsWith(coverage, 'a fault on refund', faulted('refund'))
  const verifies = calls.filter((c) => c.endpoint === 'verifyAndCompletePayment')
  flowsWith(
    coverage,
    'a verification call after one that met a fault',
    verifies.some((c, i) => c.fault !== undefined && i < verifies.length - 1),
  )
  flowsWith(coverage, 'a fault on inquiryRefund', faulted('inquiryRefund'))
  flowsWith(
    coverage,
    'a refund sent again',
    [...refundSends.values()].some((n) => n > 1),
  )
  const captureIds = calls.flatMap((c) => (c.endpoint === 'capture' ? [c.ids.captureRequestId] : []))
  flowsWith(coverage, 'a capture sent again', new Set(captureIds).size < captureIds.length)
  flowsWith(
    coverage,
    'a send given up after no trace at the gateway',
    [...seen.values()].some(
      ({ status }) =>
        status.capture?.failure?.code === 'ORDER_NOT_EXIST' ||
        status.refunds.some((r) => r.failure?.code === 'ORDER_NOT_EXIST'),
    ),
  )
  flowsWith(
    coverage,
    'an unsigned answer after the gateway acted',
    calls.some((c) => c.fault === 'unsigned' && c.acted),
  )
  flowsWith(
    coverage,
    'a lying answer',
    calls.some((c) => c.tampered !== undefined),
  )
  flowsWith(
    coverage,
    'a lying notification delivered',
    notifications.some((n) => n.tampered !== undefined && n.attempts.length > 0),
  )
  flowsWith(
    coverage,
    'a paid payment told a wrong paymentId by a notification',
    notifications.some(
      (n) =>
        n.tampered?.field === 'paymentId' &&
        n.attempts.length > 0 &&
        world.simulator.payment(n.paymentRequestId)?.paidAt !== undefined,
    ),
  )
  flowsWith(coverage, 'a dashboard refund', world.simulator.externalRefunds().length > 0)
  flowsWith(
    coverage,
    'a late payment result after a cancel',
    timelines.some((e) => e.event.type === 'PAYMENT_NOTIFIED' && (e.from === 'cancelled' || e.from === 'expired')),
  )
  flowsWith(
    coverage,
    'a call that reached the gateway late',
    calls.some((c) => c.fault === 'landsLate' && c.acted),
  )
  flowsWith(
    coverage,
    'a success landing after ORDER_NOT_EXIST, cancelled',
    timelines.some(
      (e) => (e.from === 'cancelled' || e.from === 'expired') && e.commands.some((c) => c.kind === 'cancel'),
    ),
  )
  flowsWith(
    coverage,
    'a cancel refused for a paid payment',
    timelines.some(
      (e) =>
        e.event.type === 'CANCEL_ANSWERED' &&
        e.event.result.resultStatus === 'F' &&
        world.simulator.payment(e.paymentRequestId)?.paidAt !== undefined,
    ),
  )
  flowsWith(
    coverage,
    "a capture told before its payment's own result",
    [...seen.values()].some(({ timeline }) => beforeOwnResult(timeline, (e) => e.event.type === 'CAPTURE_NOTIFIED')),
  )
  flowsWith(
    coverage,
    'a card refunded in full before its own result was told',
    [...seen.values()].some(({ timeline }) =>
      beforeOwnResult(timeline, (e) => e.to === 'refunded' && e.from !== 'refunded'),
    ),
  )
  flowsWith(coverage, 'a conflict held', conflicts.length > 0)
  flowsWith(
    coverage,
    'a conflict resolved by an inquiry',
    conflicts.some((c) => c.resolvedBy === 'inquiry'),
  )
  flowsWith(coverage, 'a burst of customer returns', model.returnBursts > 0)
}

interface FlowSettings {
  readonly keys: SimulatorKeys
  readonly makeStore: MakeStore
  readonly webhook: WebhookUnderTest | undefined
  readonly coverage: Record<string, number>
}

const runFlow = async (
  settings: FlowSettings,
  commands: Iterable<fc.AsyncCommand<Model, World, false>>,
  scheduler: fc.Scheduler | undefined,
) => {
  const { keys, makeStore } = settings
  let world: World | undefined
  let model: Model | undefined
  const pause: Pause | undefined =
    scheduler === undefined ? undefined : (label) => scheduler.schedule(Promise.resolve(), label)
  const setup = async () => {
    model = emptyModel()
    world = await makeWorld({
      keys,
      makeStore,
      ...(settings.webhook === undefined ? {} : { webhook: settings.webhook }),
      ...(pause === undefined ? {} : { pause }),
    })
    world.setInterleaved(scheduler !== undefined)
    return { model, real: world }
  }
  try {
    if (scheduler === undefined) await fc.asyncModelRun(setup, commands)
    else await fc.scheduledModelRun(scheduler, setup, commands)
    if (world === undefined || model === undefined) throw new Error('the model run did not start')
    // What is still in flight runs to its end without the scheduler (its pending tasks are released in turn).
    world.setPause(undefined)
    world.setInterleaved(false)
    let drained = false
    const draining = world.drain().then(
      () => {
        drained = true
        return undefined
      },
      (error: unknown) => {
        drained = true
        return { error }
      },
    )
    while (!drained && scheduler !== undefined) {
      await scheduler.waitAll()
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
    const failure = await draining
    if (failure !== undefined) throw failure.error
    const seen = await checkAtQuiescence(world, model)
    countCoverage(settings.coverage, world, model, seen)
  } finally {
    await world?.close()
  }
}

/**
 * Runs the payment properties over generated flows against `makeStore`'s store: the real Engine and antomGateway,
 * the simulator, notifications, faults, crashes and concurrent handlers. Never throws for a failing property:
 * the report says which property failed, on which shrunk flow, and how to replay it (seed and path).
 */
export const checkPaymentProperties = async (
  options: PaymentPropertiesOptions = {},
): Promise<PaymentPropertiesReport> => {
  const name = options.name ?? (options.scheduled === true ? 'payment properties (scheduled)' : 'payment properties')
  const log = options.log ?? ((line: string) => console.info(line))
  const seed = options.seed ?? envNumber('FC_SEED') ?? Math.floor(Math.random() * 2 ** 31)
  const runs = options.runs ?? envNumber('FC_RUNS') ?? 100
  const path = options.path ?? envString('FC_PATH')
  const replayPath = options.replayPath ?? envString('FC_REPLAY_PATH')
  const keys = options.keys ?? (await generateSimulatorKeys())
  const makeStore = options.makeStore ?? memoryStoreUnderTest
  // Interleaved flows start actions without awaiting them: a crash would strand them, so none are generated.
  const commandOptions = options.scheduled === true ? { ...options.commands, crashes: false } : options.commands
  const commands = fc.commands(paymentCommands(commandOptions), {
    maxCommands: options.maxCommands ?? 25,
    size: options.size ?? '+1',
    ...(replayPath === undefined ? {} : { replayPath }),
  })
  log(
    `[model] ${name}: seed=${seed} runs=${runs}${path === undefined ? '' : ` path=${path}`} (replay with FC_SEED=${seed})`,
  )
  const started = Date.now()
  const settings: FlowSettings = { keys, makeStore, webhook: options.webhook, coverage: {} }
  const params = {
    seed,
    numRuns: runs,
    ...(path === undefined ? {} : { path, endOnFailure: true }),
    ...(options.timeLimitMs === undefined
      ? {}
      : { interruptAfterTimeLimit: options.timeLimitMs, markInterruptAsFailure: false }),
  }
  const details: Outcome =
    options.scheduled === true
      ? outcomeOf(
          await fc.check(
            fc.asyncProperty(schedulerSeed(), commands, (order, cmds) =>
              runFlow(settings, cmds, seededScheduler(order)),
            ),
            params,
          ),
        )
      : outcomeOf(
          await fc.check(
            fc.asyncProperty(commands, (cmds) => runFlow(settings, cmds, undefined)),
            params,
          ),
        )
  const durationMs = Date.now() - started
  if (!details.failed) {
    log(`[model] ${name}: ${details.numRuns} flows passed in ${durationMs} ms (seed=${seed})`)
    return {
      name,
      seed,
      runs: details.numRuns,
      failed: false,
      durationMs,
      coverage: settings.coverage,
    }
  }
  const error = details.errorInstance
  const flow = details.counterexample?.at(-1)
  const text = String(flow ?? '')
  const failedReplayPath = /replayPath="([^"]*)"/.exec(text)?.[1]
  const counterexample = text
    .replace(/\/\*.*\*\//, '')
    .split(',')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
  const report: PaymentPropertiesReport = {
    name,
    seed,
    runs: details.numRuns,
    failed: true,
    ...(error instanceof PropertyViolation ? { property: error.property } : {}),
    error: error instanceof Error ? error.message : String(error),
    counterexample,
    ...(details.counterexamplePath === null ? {} : { path: details.counterexamplePath }),
    shrinks: details.numShrinks,
    coverage: settings.coverage,
    ...(failedReplayPath === undefined ? {} : { replayPath: failedReplayPath }),
    durationMs,
  }
  log(formatFailure(report))
  return report
}

export const formatFailure = (report: PaymentPropertiesReport): string =>
  [
    `[model] ${report.name}: FAILED after ${report.runs} flows (${report.shrinks ?? 0} shrinks)`,
    `  property: ${report.property ?? 'unexpected error'}`,
    `  error: ${report.error ?? ''}`,
    `  flow: ${(report.counterexample ?? []).join(' → ')}`,
    `  replay: FC_SEED=${report.seed} FC_PATH=${report.path ?? ''} FC_REPLAY_PATH='${report.replayPath ?? ''}'` +
      ` (or { seed: ${report.seed}, path: '${report.path ?? ''}', replayPath: '${report.replayPath ?? ''}' })`,
  ].join('\n')

/** `checkPaymentProperties`, throwing with the replay line when a property fails: for a test body. */
export const assertPaymentProperties = async (
  options: PaymentPropertiesOptions = {},
): Promise<PaymentPropertiesReport> => {
  const report = await checkPaymentProperties(options)
  if (report.failed) throw new Error(formatFailure(report))
  return report
}
