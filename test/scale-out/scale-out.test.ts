import type { PaymentStatus } from '@paychart/core'
import { startSimulatorServer } from '@paychart/testkit'
import pg from 'pg'
import { expect, it, onTestFinished } from 'vitest'
import { connect, DATABASE_URL, freshSchemaName, withPostgres } from '../support/postgres.js'
import { type Instance, isAlive, startCluster, stopCluster } from './cluster.js'
import type { InstanceConfig } from './instance-config.js'
import { startNotifier } from './notifier.js'
import { createBody, customerOutcome, isManual, type PlannedPayment, planPayments } from './payment-plan.js'
import { seededRandom } from './random.js'
import { capture, createPayment, customerReturns, eachLimited, paymentStatus } from './shop-client.js'
import { disagreements, doubleCaptures, lostNotifications, requestIdProblems } from './verdict.js'

// Three Node processes share one Postgres schema and one simulator (a real HTTP server). Payments are created on
// each, customers come back to another, notifications go to random processes (a share of them to two at once), and
// every process runs the relay. Then the manual captures go to one process (some also to another at once), which is
// killed while they are in flight. Everything must converge on the gateway's truth.

const PAYMENTS = 200
const INSTANCES = ['a', 'b', 'c']
const CLIENT_ID = 'SANDBOX_SCALE_OUT'
const WALLET_KINDS = new Set(['wallet', 'walletFailed', 'googlePay'])

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const nth = <T>(items: ReadonlyArray<T>, index: number): T => {
  const item = items[index]
  if (item === undefined) throw new Error(`no item ${index}`)
  return item
}

withPostgres('scale-out: three processes, one Postgres, one simulator', () => {
  it(`converges ${PAYMENTS} payments on the gateway's truth: no double capture, no lost notification`, async () => {
    const testStarted = performance.now()
    const seed = Number(process.env.SCALE_OUT_SEED ?? Math.floor(Math.random() * 2 ** 31))
    console.log(`[scale-out] seed ${seed} (SCALE_OUT_SEED=${seed} replays the same payment plan)`)
    const plan = planPayments(PAYMENTS, INSTANCES.length, seededRandom(seed))
    // Where each notification and status request goes: seeded too, though timing decides the order of the draws.
    const random = seededRandom(seed + 1)

    const gateway = await startSimulatorServer({ clientId: CLIENT_ID })
    onTestFinished(gateway.close)
    const simulator = gateway.simulator
    const schema = freshSchemaName('pc_scale')
    const client = await connect()
    onTestFinished(async () => {
      await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`)
      await client.end()
    })

    const configs = INSTANCES.map(
      (name): InstanceConfig => ({
        name,
        databaseUrl: DATABASE_URL,
        schema,
        simulatorUrl: gateway.url,
        clientId: CLIENT_ID,
        merchantPrivateKey: gateway.keys.merchantPrivateKey,
        gatewayPublicKey: gateway.keys.gatewayPublicKey,
      }),
    )
    const instances = await startCluster(configs)
    onTestFinished(() => stopCluster(instances))
    const notifier = await startNotifier({
      simulator,
      keys: gateway.keys,
      clientId: CLIENT_ID,
      instances,
      random,
      duplicateShare: 0.3,
      everyMs: 50,
    })
    onTestFinished(notifier.stop)
    const anywhere = (): Instance => {
      const live = instances.filter(isAlive)
      return nth(live, Math.floor(random() * live.length))
    }

    const waitFor = async (id: string, states: ReadonlyArray<string>): Promise<PaymentStatus> => {
      let last = ''
      for (let i = 0; i < 200; i++) {
        const { body } = await paymentStatus(anywhere(), id)
        if (states.includes(body.state)) return body
        last = body.state
        await sleep(100)
      }
      throw new Error(`${id} never reached ${states.join(' or ')}; it is ${last}`)
    }

    /** One customer's and one merchant's part: pay, pass or fail the challenge or wallet, come back, capture. */
    const drive = async (payment: PlannedPayment) => {
      const id = payment.paymentRequestId
      const created = await createPayment(nth(instances, payment.createdOn), createBody(payment))
      if (created.status !== 201)
        throw new Error(`${id}: create answered ${created.status} ${JSON.stringify(created.body)}`)
      const outcome = customerOutcome(payment.kind)
      if (outcome !== undefined) {
        // The pay runs inline before the create answers, unless a relay took it first: then the customer waits
        // for the page.
        const waiting = await waitFor(id, ['awaitingCustomer'])
        const paymentId = waiting.paymentId ?? ''
        const completed = WALLET_KINDS.has(payment.kind)
          ? simulator.completeWallet(paymentId, outcome)
          : simulator.completeChallenge(paymentId, outcome)
        if (!completed.ok) throw new Error(`${id}: the customer could not ${outcome}: ${JSON.stringify(completed)}`)
        await customerReturns(nth(instances, payment.returnsTo), id)
      }
    }

    const outbox = `${pg.escapeIdentifier(schema)}.outbox`
    /** Capture commands `instance` has claimed to run and not yet seen answered. */
    const capturesInFlight = async (instance: Instance) =>
      (
        await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${outbox}
            WHERE NOT done AND command->>'kind' = 'capture' AND lease_owner = $1`,
          [`inline-${instance.name}`],
        )
      ).rows[0]?.n ?? 0

    /** The merchant asks `first` to capture; when that instance is gone, it asks another. */
    const captureOn = async (payment: PlannedPayment, first: Instance) => {
      const id = payment.paymentRequestId
      await capture(first, id).catch(() => capture(anywhere(), id))
    }

    /**
     * Every manual payment captured through `doomed` (half of them also through a surviving instance at the same
     * moment, a double click), and `doomed` killed while it runs at least three of them: a relay in another instance
     * must take over what it had claimed, under the same request ids.
     */
    const captureThenCrash = async (payments: ReadonlyArray<PlannedPayment>, doomed: Instance) => {
      const sent = Promise.all(
        payments.flatMap((payment, i) => [
          captureOn(payment, doomed),
          ...(i % 2 === 0 ? [captureOn(payment, nth(instances, (i / 2) % (instances.length - 1)))] : []),
        ]),
      )
      let answered = false
      void sent.then(() => {
        answered = true
      })
      while (!answered && (await capturesInFlight(doomed)) < 3) await sleep(1)
      doomed.process.kill('SIGKILL')
      await sent
    }

    const started = performance.now()
    await eachLimited(plan, 12, drive)
    const manual = plan.filter((p) => isManual(p) && p.expected === 'captured')
    await eachLimited(manual, 12, async (p) => void (await waitFor(p.paymentRequestId, ['authorized'])))
    await captureThenCrash(manual, nth(instances, instances.length - 1))
    const lastAction = performance.now()

    const outstanding = async (): Promise<string[]> => {
      const statuses = await Promise.all(plan.map((p) => paymentStatus(anywhere(), p.paymentRequestId)))
      const payments = plan.flatMap((p, i) => disagreements(p, nth(statuses, i).body, simulator))
      const unacknowledged = simulator
        .notifications()
        .filter((n) => n.status !== 'acknowledged')
        .map((n) => `${n.notificationId} ${n.notifyType} ${n.paymentRequestId}: ${n.status}`)
      const undone = (await client.query<{ command_id: string }>(`SELECT command_id FROM ${outbox} WHERE NOT done`))
        .rows
      return [...payments, ...unacknowledged, ...undone.map((row) => `command ${row.command_id} is not done`)]
    }
    let problems = await outstanding()
    // Stops waiting in time to report what has not converged before the test's own timeout.
    while (problems.length > 0 && performance.now() - testStarted < 80_000) {
      await sleep(250)
      problems = await outstanding()
    }
    const converged = performance.now()
    await notifier.stop()

    const claimedBy = await client.query<{ owner: string; commands: number }>(
      `SELECT coalesce(lease_owner, 'nobody') AS owner, count(*)::int AS commands FROM ${outbox} GROUP BY 1 ORDER BY 1`,
    )
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
    console.log(
      `[scale-out] ${PAYMENTS} payments over ${instances.length} processes: converged ${seconds(converged - lastAction)} ` +
        `after the last customer or merchant action, ${seconds(converged - started)} in all; ` +
        `${notifier.stats.deliveries} notifications delivered, ${notifier.stats.duplicates} also to a second process, ` +
        `${notifier.stats.refused} refused, ${notifier.stats.hurried} redelivered ahead of schedule; ` +
        `${simulator.calls().length} gateway calls; commands last claimed by ` +
        claimedBy.rows.map((row) => `${row.owner} ${row.commands}`).join(', '),
    )
    if (problems.length > 0) {
      for (const instance of instances.filter(isAlive))
        console.log(`--- ${instance.name}\n${instance.output.join('').slice(-4_000)}`)
    }
    expect(problems).toEqual([])
    expect(doubleCaptures(plan, simulator)).toEqual([])
    expect(requestIdProblems(plan, simulator)).toEqual([])
    expect(await lostNotifications(simulator, client, schema)).toEqual([])
    expect(notifier.stats.duplicates).toBeGreaterThan(0)
    const captures = simulator.calls().filter((c) => c.endpoint === 'capture' && c.acted && !c.replayed).length
    expect(captures).toBe(manual.length)
    const takenOver = claimedBy.rows.filter((row) => row.owner.startsWith('relay-'))
    expect(takenOver.length, 'commands the crashed instance left, run by a relay elsewhere').toBeGreaterThan(0)
  }, 90_000)
})
