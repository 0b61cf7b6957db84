import type { Commit, PaymentStoreShape } from '@paychart/core/store'
import * as Effect from 'effect/Effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { StoreUnderTest, Suite } from './options.js'
import { cardFlow, type ScriptedFlow, sessionFlow } from './scripts.js'
import { byKey, byVersion, parsed, run, useStore } from './support.js'

// A store may write the commits that arrive together in one go (group commit); whatever it does, they must end as
// the same commits made one by one would, each with the outcome a compare-and-set gives it.

const PAYMENTS = 5
const RUNS = 20

/** What one turn does to a payment: nothing, its next commit (once or twice), or a commit it already made. */
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

/** The seed, printed so that a failure replays with `FC_SEED=<seed>`. */
const seeded = () => {
  const seed = process.env.FC_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FC_SEED)
  console.info(
    `[property] commits of one turn against one by one: seed=${seed} runs=${RUNS} (replay with FC_SEED=${seed})`,
  )
  return { seed, numRuns: RUNS }
}

/** What became of a commit: `committed`, or the tag of its error. */
const outcomeOf = (store: PaymentStoreShape, commit: Commit) =>
  run(Effect.match(store.commit(commit), { onSuccess: () => 'committed', onFailure: (error) => error._tag as string }))

const byCommandId = byKey((row: { commandId: string }) => row.commandId)
const byTimer = byKey((row: { paymentRequestId: string; timer: string }) => `${row.paymentRequestId}/${row.timer}`)

/** Everything the store wrote for `ids`, read raw, in a fixed order. */
const writtenFor = async ({ raw, settle }: StoreUnderTest, ids: ReadonlyArray<string>) => {
  await settle?.()
  const ours = (id: string) => ids.includes(id)
  return {
    payments: await Promise.all(ids.map(async (id) => ({ id, ...(await raw.payment(id)) }))),
    events: await Promise.all(
      ids.map(async (id) => byVersion(await raw.events(id)).map((e) => ({ ...e, eventJson: parsed(e.eventJson) }))),
    ),
    outbox: byCommandId((await raw.outbox()).filter((row) => ours(row.paymentRequestId))),
    timers: byTimer((await raw.timers()).filter((row) => ours(row.paymentRequestId))),
    notifications: (await raw.notifications())
      .filter((row) => ids.some((id) => row.key.includes(id)))
      .map((row) => row.key)
      .sort(),
  }
}

/** The payments of one run, each moved along its flow as `plan.at` says, in both stores. */
const prepare = async (stores: ReadonlyArray<StoreUnderTest>, flows: ReadonlyArray<ScriptedFlow>, plan: Plan) => {
  const made = flows.map((flow, j) => flow.commits.slice(0, (plan.at[j] ?? 0) % (flow.commits.length + 1)))
  for (const { store } of stores) {
    for (const [j, flow] of flows.entries()) {
      await run(store.create(flow.payment))
      for (const commit of made[j] ?? []) await run(store.commit(commit))
    }
  }
  return made
}

interface Sent {
  readonly commit: Commit
  /** The payment's place among the run's flows; -1 for one the store does not hold. */
  readonly payment: number
  readonly send: Send
}

/** The turn's commits, in the plan's order. */
const turnOf = (
  flows: ReadonlyArray<ScriptedFlow>,
  made: ReadonlyArray<ReadonlyArray<Commit>>,
  plan: Plan,
  run: number,
) => {
  const sent: Sent[] = []
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
    sent.push({ commit: { ...first, paymentRequestId: `OT-${run}-none` }, payment: -1, send: 'next' })
  }
  return sent
    .map((item, i) => ({ item, key: plan.order[i] ?? 0 }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item)
}

/** What a compare-and-set must make of each commit of the turn. */
const expectOutcomes = (turn: ReadonlyArray<Sent>, outcomes: ReadonlyArray<string>, payments: number) => {
  for (const [i, { payment, send }] of turn.entries()) {
    if (payment === -1) expect(outcomes[i]).toBe('PaymentNotFound')
    else if (send === 'stale') expect(outcomes[i]).toBe('VersionConflict')
  }
  for (let j = 0; j < payments; j++) {
    const next = turn.flatMap(({ payment, send }, i) => (payment === j && send !== 'stale' ? [outcomes[i]] : []))
    if (next.length > 0) expect(next.filter((o) => o === 'committed')).toHaveLength(1)
    expect(next.filter((o) => o !== 'committed' && o !== 'VersionConflict')).toEqual([])
  }
}

export const oneTurn = ({ make }: Suite) =>
  describe('commits of one turn', () => {
    // A few hundred store calls: seconds on a store behind a network or an RPC.
    it('end as the same commits one by one, each with the outcome a compare-and-set gives', {
      timeout: 120_000,
    }, async () => {
      const together = await useStore(make)
      const oneByOne = await useStore(make)
      let round = 0
      await fc.assert(
        fc.asyncProperty(plans, async (plan) => {
          round += 1
          const flows = Array.from({ length: PAYMENTS }, (_, j) =>
            j % 2 === 0 ? cardFlow(`OT-${round}-${j}`) : sessionFlow(`OT-${round}-${j}`),
          )
          const made = await prepare([together, oneByOne], flows, plan)
          const issued = made.flatMap((commits) => commits.flatMap((c) => c.outbox.map((item) => item.commandId)))
          const completed = [...new Set(plan.completions.map((n) => issued[n % Math.max(issued.length, 1)]))].filter(
            (id): id is string => id !== undefined,
          )
          const turn = turnOf(flows, made, plan, round)

          for (const id of completed) await run(together.store.completeCommand(id))
          const outcomes = await Promise.all(turn.map(({ commit }) => outcomeOf(together.store, commit)))
          expectOutcomes(turn, outcomes, flows.length)

          for (const [j, flow] of flows.entries()) {
            const next = flow.commits[made[j]?.length ?? 0]
            const send = plan.sends[j]
            if (next !== undefined && (send === 'next' || send === 'nextTwice')) await run(oneByOne.store.commit(next))
          }
          for (const id of completed) await run(oneByOne.store.completeCommand(id))
          const ids = flows.map((flow) => flow.payment.paymentRequestId)
          expect(await writtenFor(together, ids)).toEqual(await writtenFor(oneByOne, ids))
        }),
        seeded(),
      )
    })
  })
