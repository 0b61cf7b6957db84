import type { PaymentStoreShape } from '@paychart/core/store'
import * as Effect from 'effect/Effect'
import * as Result from 'effect/Result'
import { describe, expect, it } from 'vitest'
import { cardInput, commitEvent, draftPayment, T0 } from './flow.js'
import type { Suite } from './options.js'
import type { RawReader } from './raw-reader.js'
import { nth, parsed, plain, run, secondClient, skipNote, useStore } from './support.js'

const settle = <A, E>(effects: ReadonlyArray<Effect.Effect<A, E>>) =>
  run(Effect.all(effects.map(Effect.result), { concurrency: 'unbounded' }))

/** `racers` commits computed from version 1, spread over `stores`: exactly one is written, whole. */
const raceCommits = async (stores: ReadonlyArray<PaymentStoreShape>, raw: RawReader, racers: number) => {
  const id = 'PAY-RACE-1'
  const { payment, draft } = draftPayment(cardInput(id))
  await run(nth(stores, 0).create(payment))
  const commits = Array.from(
    { length: racers },
    (_, i) => commitEvent(draft, { type: 'SUBMIT', at: T0 + i * 1_000 }, { notificationKey: `RACE:${id}:${i}` }).commit,
  )
  const results = await settle(commits.map((commit, i) => nth(stores, i % stores.length).commit(commit)))

  const winners = results.flatMap((result, i) => (Result.isSuccess(result) ? [i] : []))
  expect(winners).toHaveLength(1)
  const winner = nth(commits, nth(winners, 0))
  const errors = results.flatMap((result) => (Result.isFailure(result) ? [result.failure] : []))
  expect(errors).toHaveLength(racers - 1)
  for (const error of errors) {
    expect(error).toMatchObject({ _tag: 'VersionConflict', paymentRequestId: id, expectedVersion: 1, actualVersion: 2 })
  }

  const stored = await raw.payment(id)
  expect(stored).toMatchObject({ version: 2, state: 'submitting', updatedAt: winner.at })
  expect(parsed(stored?.snapshotJson ?? 'null')).toEqual(plain(winner.snapshot))
  const events = await raw.events(id)
  expect(events.map((e) => parsed(e.eventJson))).toEqual([plain(winner.event.event)])
  expect((await raw.outbox()).map((row) => [row.commandId, row.createdAt])).toEqual([[`${id}#1`, winner.at]])
  expect((await raw.timers()).map((row) => row.dueAt)).toEqual([winner.at + 14 * 60_000])
  expect(await raw.notifications()).toEqual([{ key: winner.notificationKey, unmatched: false }])
}

const raceCreates = async (stores: ReadonlyArray<PaymentStoreShape>, raw: RawReader, racers: number) => {
  const payments = Array.from(
    { length: racers },
    (_, i) => draftPayment(cardInput('PAY-RACE-2', { merchantReference: `ORDER-RACE-${i}` })).payment,
  )
  const results = await settle(payments.map((payment, i) => nth(stores, i % stores.length).create(payment)))
  const winners = results.flatMap((result, i) => (Result.isSuccess(result) ? [i] : []))
  expect(winners).toHaveLength(1)
  const errors = results.flatMap((result) => (Result.isFailure(result) ? [result.failure._tag] : []))
  expect(errors).toEqual(Array(racers - 1).fill('PaymentExists'))
  const winner = nth(payments, nth(winners, 0))
  expect(await raw.payment('PAY-RACE-2')).toMatchObject({ version: 1, merchantReference: winner.merchantReference })
}

/** Creates of several payments at once, one of them there already: that one is refused, every other written whole. */
const createTogether = async (store: PaymentStoreShape, raw: RawReader, count: number) => {
  const ids = Array.from({ length: count }, (_, i) => `PAY-TOGETHER-${count - i}`)
  const payments = ids.map((id, i) => draftPayment(cardInput(id), T0 + i).payment)
  await run(store.create(nth(payments, 1)))
  const before = await raw.payment(nth(ids, 1))
  const again = draftPayment(cardInput(nth(ids, 1), { merchantReference: 'ORDER-AGAIN' }), T0 + 9_000).payment
  const results = await settle(
    [...payments.map((payment, i) => (i === 1 ? again : payment)), nth(payments, 0)].map(store.create),
  )
  expect(results.map((result) => (Result.isSuccess(result) ? 'created' : result.failure._tag))).toEqual([
    'created',
    'PaymentExists',
    ...Array(count - 2).fill('created'),
    'PaymentExists',
  ])
  expect(await raw.payment(nth(ids, 1))).toEqual(before)
  for (const [i, payment] of payments.entries()) {
    const stored = await raw.payment(nth(ids, i))
    expect(stored).toMatchObject({
      version: 1,
      state: 'draft',
      merchantReference: payment.merchantReference,
      createdAt: payment.at,
    })
    expect(parsed(stored?.snapshotJson ?? 'null')).toEqual(plain(payment.snapshot))
  }
}

export const concurrency = ({ make, capabilities, racers }: Suite) => {
  describe('concurrency: one client', () => {
    it(`writes ${racers} creates of different payments made at once, and refuses the ones already there`, async () => {
      const { store, raw } = await useStore(make)
      await createTogether(store, raw, racers)
    })

    it(`lets exactly one of ${racers} commits racing on one version win; the others get VersionConflict`, async () => {
      const { store, raw } = await useStore(make)
      await raceCommits([store], raw, racers)
    })

    it(`lets exactly one of ${racers} racing creates of one payment win; the others get PaymentExists`, async () => {
      const { store, raw } = await useStore(make)
      await raceCreates([store], raw, racers)
    })
  })

  const note = skipNote(capabilities.concurrentWriters, 'capabilities.concurrentWriters is off: one client only')
  describe.skipIf(!capabilities.concurrentWriters)(`concurrency: two clients over the same data${note}`, () => {
    it(`lets exactly one of ${racers} commits from two clients win; the others get VersionConflict`, async () => {
      const made = await useStore(make)
      await raceCommits([made.store, await secondClient(made)], made.raw, racers)
    })

    it(`lets exactly one of ${racers} creates from two clients win; the others get PaymentExists`, async () => {
      const made = await useStore(make)
      await raceCreates([made.store, await secondClient(made)], made.raw, racers)
    })

    it('shows each client what the other committed', async () => {
      const made = await useStore(make)
      const other = await secondClient(made)
      const { payment, draft } = draftPayment(cardInput('PAY-RACE-3'))
      await run(made.store.create(payment))
      const submit = commitEvent(draft, { type: 'SUBMIT', at: T0 })
      await run(other.commit(submit.commit))
      expect(await run(made.store.load('PAY-RACE-3'))).toMatchObject({ version: 2, state: 'submitting' })
      await run(made.store.commit(commitEvent(submit.next, { type: 'CANCEL', at: T0 + 1_000 }).commit))
      expect((await run(other.load('PAY-RACE-3')))?.version).toBe(3)
      expect((await run(other.events('PAY-RACE-3'))).map((e) => e.event.type)).toEqual(['SUBMIT', 'CANCEL'])
    })
  })
}
