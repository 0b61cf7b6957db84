import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { collectDomainEvents, Engine, Gateway, PaymentStore } from '@paychart/core'
import {
  createSimulator,
  generateSimulatorKeys,
  type SimulatorKeys,
  startNotificationLoop,
  startSimulatorServer,
} from '@paychart/testkit'
import { Effect, Layer, ManagedRuntime } from 'effect'
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { freePort } from '../support/free-port.js'
import { freshSchemaName, withPostgres } from '../support/postgres.js'
import { CRASH_POINTS } from './crash-points.js'
import { crashSchedule, describeFate, type Fate } from './crash-schedule.js'
import { dropStore, locationText, openStore, type StoreLocation, storedText } from './crash-store.js'
import { CARD_NUMBER, plannedPayments, refundRequestId } from './plan.js'
import { type ChildExit, LIFE_LIMIT_MS, runChild } from './spawn-child.js'
import { type Local, problemsOf } from './verdict.js'

// A merchant server (a child process: the Engine over the SQLite or the Postgres store, the real antomGateway over
// fetch, Hono webhook routes) takes payments from the simulator over real HTTP and is SIGKILLed at chosen and random
// points, then started again on the same store, until every payment has settled. The simulator's records are the
// judge. On Postgres that includes what a kill loses from the store's memory: completions held for the next statement.

const SEEDS = (process.env.CRASH_SEEDS ?? '')
  .split(',')
  .filter((seed) => seed !== '')
  .map(Number)
const first = Math.floor(Math.random() * 2 ** 28) * CRASH_POINTS.length
/** As many consecutive seeds as there are crash points by default: their first kills are the crash points. */
const seeds = SEEDS.length > 0 ? SEEDS : CRASH_POINTS.map((_, i) => first + i)
const MAX_INCARNATIONS = 8

/** The payments as the store holds them, read through an Engine whose gateway must never be called. */
const readLocal = async (location: StoreLocation, ids: ReadonlyArray<string>) => {
  const opened = await openStore(location)
  const noGateway = Layer.succeed(Gateway, { execute: () => Effect.die('the verdict calls no gateway') })
  const runtime = ManagedRuntime.make(
    Engine.layer.pipe(
      Layer.provide(Layer.mergeAll(Layer.succeed(PaymentStore, opened.store), noGateway, collectDomainEvents().layer)),
    ),
  )
  try {
    const locals = new Map<string, Local>()
    for (const id of ids) {
      const stored = await Effect.runPromise(opened.store.load(id))
      if (stored === undefined) continue
      const [status, timeline] = await runtime.runPromise(
        Effect.all([Engine.use((e) => e.status(id)), Engine.use((e) => e.timeline(id))]),
      )
      locals.set(id, { stored, status, timeline })
    }
    return locals
  } finally {
    await runtime.dispose()
    await opened.close()
  }
}

const outcomeOf = (exit: ChildExit): string => {
  const point = /SIGKILL at (\S+ #\d+ \([^)]*\))/.exec(exit.log)?.[1]
  if (point !== undefined) return `killed itself at ${point}`
  if (exit.killedByParent) return 'killed by the parent'
  return exit.code === 0 ? 'finished: every payment settled' : `exited ${exit.code ?? exit.signal}`
}

let keys: SimulatorKeys
beforeAll(async () => {
  keys = await generateSimulatorKeys()
})

const playRound =
  (kind: StoreLocation['kind']) =>
  async (seed: number, index: number): Promise<void> => {
    const started = performance.now()
    const round = `${kind === 'sqlite' ? 'R' : 'PG'}${index}S${seed}`
    const payments = plannedPayments(round)
    const port = await freePort()
    const notifyUrl = `http://127.0.0.1:${port}/antom/notify/payment`
    // Notifications come again every 250 ms while unacknowledged, long enough to outlive every restart.
    const simulator = createSimulator({ retryScheduleMs: [0, ...Array(120).fill(250)], defaultNotifyUrl: notifyUrl })
    const sim = await startSimulatorServer({ simulator, keys })
    const notifications = startNotificationLoop({ simulator, keys, clientId: sim.clientId, intervalMs: 100 })
    // The customer: approves each wallet payment as soon as the gateway redirects to it.
    const customer = setInterval(() => {
      for (const payment of payments.filter((p) => p.plan === 'wallet')) {
        const remote = simulator.payment(payment.paymentRequestId)
        if (remote?.status === 'pending' && remote.step === 'wallet') simulator.completeWallet(remote.paymentId, 'pass')
      }
    }, 100)
    const dir = mkdtempSync(join(tmpdir(), 'paychart-crash-'))
    const location: StoreLocation =
      kind === 'sqlite' ? { kind, file: join(dir, 'payments.db') } : { kind, schema: freshSchemaName('pc_crash') }
    onTestFinished(async () => {
      await dropStore(location)
      rmSync(dir, { recursive: true, force: true })
    })
    const env = {
      round,
      store: locationText(location),
      simUrl: sim.url,
      clientId: sim.clientId,
      merchantPrivateKey: keys.merchantPrivateKey,
      gatewayPublicKey: keys.gatewayPublicKey,
      webhookPort: port,
    }
    const fates = crashSchedule(seed)
    const lives: Array<{ readonly fate: Fate; readonly exit: ChildExit }> = []
    try {
      for (let life = 0; life < MAX_INCARNATIONS; life++) {
        const fate = fates[Math.min(life, fates.length - 1)] ?? { kind: 'finish' }
        const exit = await runChild(
          env,
          fate.kind === 'point' ? fate.crash : undefined,
          fate.kind === 'parent' ? fate.afterMs : undefined,
        )
        lives.push({ fate, exit })
        if (exit.timedOut) throw new Error(`a child ran past ${LIFE_LIMIT_MS} ms:\n${exit.log}`)
        if (exit.code === 0) break
        if (exit.signal !== 'SIGKILL') throw new Error(`the child failed (${exit.code}):\n${exit.log}`)
      }
    } finally {
      clearInterval(customer)
      await notifications.stop()
      await sim.close()
    }
    const locals = await readLocal(
      location,
      payments.map((p) => p.paymentRequestId),
    )
    const stored = await storedText(location)

    const problems = payments.flatMap((p) => problemsOf(p, locals.get(p.paymentRequestId), simulator))
    const groups = lives.flatMap(({ exit }) =>
      [...exit.log.matchAll(/group commit of (\d+)/g)].map((m) => Number(m[1])),
    )
    const settledAs = payments.map((p) => {
      const local = locals.get(p.paymentRequestId)
      const remote = simulator.payment(p.paymentRequestId)
      return `${p.paymentRequestId}: ${local?.status.state ?? 'none'} / gateway ${remote?.status ?? 'none'}`
    })
    console.log(
      [
        `round ${index} on ${kind}, seed ${seed} (CRASH_SEEDS=${seed} replays its schedule), ${Math.round(performance.now() - started)} ms`,
        `  ${groups.length} group commits (${groups.reduce((sum, size) => sum + size, 0)} commits in them)`,
        ...lives.map(({ fate, exit }, i) => `  life ${i + 1}, planned ${describeFate(fate)}: ${outcomeOf(exit)}`),
        ...settledAs.map((line) => `    ${line}`),
        ...problems.map((problem) => `  PROBLEM ${problem}`),
        ...payments
          .filter((p) => problems.some((problem) => problem.startsWith(`${p.paymentRequestId}:`)))
          .flatMap((p) => [
            `  ${p.paymentRequestId} at the gateway: ${(simulator.payment(p.paymentRequestId)?.calls ?? [])
              .map(
                (c) =>
                  `${c.endpoint} ${c.result?.resultCode ?? 'unanswered'}${c.acted ? '' : ' (not acted)'}${c.replayed ? ' (replayed)' : ''}`,
              )
              .join(', ')}`,
            `  ${p.paymentRequestId} locally: ${(locals.get(p.paymentRequestId)?.timeline ?? [])
              .map(
                (e) => `${e.event.type}${'result' in e.event ? ` ${e.event.result.resultCode}` : ''} ${e.from}→${e.to}`,
              )
              .join(', ')}`,
          ]),
      ].join('\n'),
    )
    expect(lives.at(-1)?.exit.code, lives.map(({ exit }) => exit.log).join('\n')).toBe(0)
    expect(lives.filter(({ exit }) => exit.signal === 'SIGKILL').length).toBeGreaterThan(0)
    // The child advances its payments together: their first submits, on a fresh store, commit as one group.
    expect(groups[0], 'the first submits were not one group commit').toBe(payments.length)
    // A refund inquiry names only the refund: before the refund itself reached the gateway (its reconcile timer is
    // armed with it), the gateway cannot tell whose it is.
    const ours = (call: ReturnType<typeof simulator.calls>[number]) =>
      payments.some(
        (p) =>
          p.paymentRequestId === call.paymentRequestId ||
          call.ids.refundRequestId === refundRequestId(p.paymentRequestId),
      )
    expect(simulator.calls().filter((call) => !ours(call))).toEqual([])
    expect(problems).toEqual([])
    expect(stored).toContain(payments[0]?.paymentRequestId)
    expect(stored.includes(CARD_NUMBER), 'the card number is in the store').toBe(false)
  }

const ROUND = 'round with seed %i: every payment settles as the gateway has it, under one request id per operation'

describe('crash safety: SIGKILL at any point, restart on the same SQLite file', () => {
  it.each(seeds.map((seed, index) => [seed, index]))(ROUND, playRound('sqlite'), 45_000)
})

withPostgres('crash safety: SIGKILL at any point, restart on the same Postgres schema', () => {
  it.each(seeds.map((seed, index) => [seed, index]))(ROUND, playRound('postgres'), 45_000)
})
