import type { Commit, PaymentStoreShape } from '@paychart/core/store'
import { cardFlow, type ScriptedFlow, sessionFlow } from '@paychart/testkit/store-conformance'
import { Effect } from 'effect'
import fc from 'fast-check'
import { type Client, escapeIdentifier } from 'pg'
import { expect, it } from 'vitest'
import { type FreshStore, useFreshStore } from './postgres.fixtures.js'

const PAYMENTS = 5
const RUNS = 25

/** What the group does to one payment: nothing, its next commit (once or twice), or a commit it already made. */
const SENDS = ['none', 'next', 'nextTwice', 'stale'] as const
type Send = (typeof SENDS)[number]

const plans = fc.record({
  at: fc.array(fc.nat(), { minLength: PAYMENTS, maxLength: PAYMENTS }),
  sends: fc.array(fc.constantFrom(...SENDS), { minLength: PAYMENTS, maxLength: PAYMENTS }),
  unknown: fc.boolean(),
  completions: fc.array(fc.nat(), { maxLength: 3 }),
  order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
    minLength: 2 * PAYMENTS + 1,
    maxLength: 2 * PAYMENTS + 1,
  }),
})
type Plan = typeof plans extends fc.Arbitrary<infer P> ? P : never

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

/** What became of a commit: `committed`, or the tag of its error. */
const outcomeOf = (store: PaymentStoreShape, commit: Commit) =>
  run(Effect.match(store.commit(commit), { onSuccess: () => 'committed', onFailure: (error) => error._tag as string }))

/** Every row the store wrote for `ids`, each table in a fixed order, without the identity columns. */
const rowsOf = async (client: Client, schema: string, ids: ReadonlyArray<string>) => {
  const s = escapeIdentifier(schema)
  const read = async (sql: string) => (await client.query(sql, [ids])).rows.map((row) => JSON.stringify(row))
  return {
    payments: await read(
      `SELECT payment_request_id, version, state, snapshot, payment_id, payment_session_id, updated_at
         FROM ${s}.payments WHERE payment_request_id = ANY($1) ORDER BY payment_request_id`,
    ),
    events: await read(
      `SELECT payment_request_id, version, at, from_state, to_state, event, commands
         FROM ${s}.payment_events WHERE payment_request_id = ANY($1) ORDER BY payment_request_id, version`,
    ),
    outbox: await read(
      `SELECT command_id, command, created_at, attempts, done, lease_owner, lease_until
         FROM ${s}.outbox WHERE payment_request_id = ANY($1) ORDER BY command_id`,
    ),
    timers: await read(
      `SELECT payment_request_id, timer, due_at, lease_owner, lease_until
         FROM ${s}.timers WHERE payment_request_id = ANY($1) ORDER BY payment_request_id, timer`,
    ),
    notifications: await read(
      `SELECT key, payment_request_id, at FROM ${s}.notifications WHERE payment_request_id = ANY($1) ORDER BY key`,
    ),
  }
}

/** The payments of one run, each moved `at` commits along its flow, in both stores. */
const prepare = async (stores: ReadonlyArray<FreshStore>, flows: ReadonlyArray<ScriptedFlow>, plan: Plan) => {
  const made = flows.map((flow, j) => flow.commits.slice(0, (plan.at[j] ?? 0) % (flow.commits.length + 1)))
  for (const { store } of stores) {
    for (const [j, flow] of flows.entries()) {
      await run(store.create(flow.payment))
      for (const commit of made[j] ?? []) await run(store.commit(commit))
    }
  }
  return made
}

/** The seed, printed so that a failure replays with `FC_SEED=<seed>`. */
const seeded = () => {
  const seed = process.env.FC_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FC_SEED)
  console.info(`[property] group commit against one by one: seed=${seed} runs=${RUNS} (replay with FC_SEED=${seed})`)
  return { seed, numRuns: RUNS }
}

export const groupCommitProperty = (): void => {
  it('writes a group of commits as the same commits one by one would, with the outcomes a compare-and-set gives', async () => {
    const grouped = await useFreshStore({ completionRideMs: 60_000 })
    const oneByOne = await useFreshStore({ completionRideMs: 60_000 })
    let round = 0
    await fc.assert(
      fc.asyncProperty(plans, async (plan) => {
        round += 1
        const flows = Array.from({ length: PAYMENTS }, (_, j) =>
          j % 2 === 0 ? cardFlow(`GP-${round}-${j}`) : sessionFlow(`GP-${round}-${j}`),
        )
        const made = await prepare([grouped, oneByOne], flows, plan)
        const issued = made.flatMap((commits) =>
          commits.flatMap((commit) => commit.outbox.map((item) => item.commandId)),
        )
        const completed = [...new Set(plan.completions.map((n) => issued[n % Math.max(issued.length, 1)]))].filter(
          (id): id is string => id !== undefined,
        )

        // The group, and what a compare-and-set must make of each of its commits.
        const sent: Array<{ readonly commit: Commit; readonly payment: number; readonly send: Send }> = []
        for (const [j, flow] of flows.entries()) {
          const done = made[j]?.length ?? 0
          const next = flow.commits[done]
          const last = flow.commits[done - 1]
          const send = plan.sends[j] ?? 'none'
          if (next !== undefined && send === 'next') sent.push({ commit: next, payment: j, send })
          if (next !== undefined && send === 'nextTwice')
            sent.push({ commit: next, payment: j, send }, { commit: next, payment: j, send })
          if (last !== undefined && send === 'stale') sent.push({ commit: last, payment: j, send })
        }
        const first = flows[0]?.commits[0]
        if (plan.unknown && first !== undefined) {
          sent.push({ commit: { ...first, paymentRequestId: `GP-${round}-none` }, payment: -1, send: 'next' })
        }
        const order = sent.map((_, i) => i).sort((a, b) => (plan.order[a] ?? 0) - (plan.order[b] ?? 0))
        const group = order.map((i) => sent[i] as (typeof sent)[number])

        for (const id of completed) await run(grouped.store.completeCommand(id))
        const outcomes = await Promise.all(group.map(({ commit }) => outcomeOf(grouped.store, commit)))
        for (const [i, { payment, send }] of group.entries()) {
          const expected = payment === -1 ? 'PaymentNotFound' : send === 'stale' ? 'VersionConflict' : undefined
          if (expected !== undefined) expect(outcomes[i]).toBe(expected)
        }
        for (const [j] of flows.entries()) {
          const nexts = group.flatMap(({ payment, send }, i) =>
            payment === j && send !== 'stale' ? [outcomes[i]] : [],
          )
          if (nexts.length > 0) expect(nexts.filter((o) => o === 'committed')).toHaveLength(1)
          expect(nexts.filter((o) => o !== 'committed').every((o) => o === 'VersionConflict')).toBe(true)
        }

        for (const [j, flow] of flows.entries()) {
          const next = flow.commits[made[j]?.length ?? 0]
          if (next !== undefined && (plan.sends[j] === 'next' || plan.sends[j] === 'nextTwice')) {
            await run(oneByOne.store.commit(next))
          }
        }
        for (const id of completed) await run(oneByOne.store.completeCommand(id))
        await grouped.opened.flushCompletions()
        await oneByOne.opened.flushCompletions()
        const ids = flows.map((flow) => flow.payment.paymentRequestId)
        expect(await rowsOf(grouped.client, grouped.schema, ids)).toEqual(
          await rowsOf(oneByOne.client, oneByOne.schema, ids),
        )
      }),
      seeded(),
    )
  })
}
