import type { PaymentStoreShape } from '@paychart/core/store'
import { commitEvent, draftPayment } from '@paychart/testkit/store-conformance'
import { Effect } from 'effect'
import { escapeIdentifier } from 'pg'
import { expect, it, onTestFinished } from 'vitest'
import { connect, DATABASE_URL, useFreshStore } from './postgres.fixtures.js'
import { makePostgresStore } from './postgres-store.js'

const T0 = Date.UTC(2026, 10, 22, 12)
const EXPIRY = 14 * 60_000
const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

/** Resolves with the claim's result, or rejects if it waited (a lock held elsewhere would make it wait). */
const withoutWaiting = <A>(claim: Promise<A>): Promise<A> =>
  Promise.race([
    claim,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the claim waited for a lock')), 2_000)),
  ])

/** Payments created and submitted: one `pay` command `<id>#1` and one `paymentExpiry` timer each. */
const submitted = async (store: PaymentStoreShape, ids: ReadonlyArray<string>) => {
  for (const [i, id] of ids.entries()) {
    const input = {
      paymentRequestId: id,
      amount: { currency: 'USD', minor: 10_000 },
      paymentMethodType: 'CARD',
    } as const
    const { payment, draft } = draftPayment(input, T0 + i)
    await run(store.create(payment))
    await run(store.commit(commitEvent(draft, { type: 'SUBMIT', at: T0 + i }).commit))
  }
}

const ids = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`)

export const claimTests = (): void => {
  it('skips a command another relay holds locked instead of waiting for it (SKIP LOCKED)', async () => {
    const { store, schema } = await useFreshStore()
    await submitted(store, ids(3, 'PAY-SL'))
    const relay = await connect()
    onTestFinished(() => relay.end())
    await relay.query('BEGIN')
    await relay.query(`SELECT 1 FROM ${escapeIdentifier(schema)}.outbox WHERE command_id = 'PAY-SL-000#1' FOR UPDATE`)
    const claim = () =>
      run(store.claimCommands({ now: T0 + 1_000, owner: 'relay-b', leaseMs: 30_000, limit: 10 })).then((items) =>
        items.map((item) => item.commandId),
      )
    expect(await withoutWaiting(claim())).toEqual(['PAY-SL-001#1', 'PAY-SL-002#1'])
    await relay.query('ROLLBACK')
    expect(await claim()).toEqual(['PAY-SL-000#1'])
  })

  it('skips a timer another relay holds locked instead of waiting for it (SKIP LOCKED)', async () => {
    const { store, schema } = await useFreshStore()
    await submitted(store, ids(3, 'PAY-ST'))
    const relay = await connect()
    onTestFinished(() => relay.end())
    await relay.query('BEGIN')
    await relay.query(
      `SELECT 1 FROM ${escapeIdentifier(schema)}.timers WHERE payment_request_id = 'PAY-ST-001' FOR UPDATE`,
    )
    const claim = () =>
      run(store.claimTimers({ now: T0 + EXPIRY + 10, owner: 'relay-b', leaseMs: 30_000, limit: 10 })).then((timers) =>
        timers.map((t) => t.paymentRequestId),
      )
    expect(await withoutWaiting(claim())).toEqual(['PAY-ST-000', 'PAY-ST-002'])
    await relay.query('ROLLBACK')
    expect(await claim()).toEqual(['PAY-ST-001'])
  })

  it('hands each of 200 commands to exactly one of two relays draining them at once from two pools', async () => {
    const made = await useFreshStore()
    await submitted(made.store, ids(200, 'PAY-DR'))
    const other = await makePostgresStore({ connectionString: DATABASE_URL, schema: made.schema, maxConnections: 4 })
    onTestFinished(other.close)
    const drain = async (store: PaymentStoreShape, owner: string) => {
      const got: string[] = []
      for (;;) {
        const batch = await Promise.all(
          [0, 1].map(() => run(store.claimCommands({ now: T0 + 1_000, owner, leaseMs: 60_000, limit: 7 }))),
        )
        if (batch.every((items) => items.length === 0)) return got
        for (const items of batch) got.push(...items.map((item) => item.commandId))
      }
    }
    const [a, b] = await Promise.all([drain(made.store, 'relay-a'), drain(other.store, 'relay-b')])
    const all = [...a, ...b]
    expect(new Set(all).size).toBe(all.length)
    expect(all.sort()).toEqual(ids(200, 'PAY-DR').map((id) => `${id}#1`))
    const owners = await made.raw.outbox()
    expect(
      owners
        .filter((row) => row.leaseOwner === 'relay-a')
        .map((row) => row.commandId)
        .sort(),
    ).toEqual(a.sort())
  })

  it('with claimAfterMs, leaves a fresh command to the inline claim until it is that old', async () => {
    const { store } = await useFreshStore({ claimAfterMs: 2_000 })
    await submitted(store, ids(2, 'PAY-CA'))
    const claim = (now: number) =>
      run(store.claimCommands({ now, owner: 'relay', leaseMs: 30_000, limit: 10 })).then((items) =>
        items.map((item) => item.commandId),
      )
    expect(await claim(T0 + 1_999)).toEqual([])
    const inline = await run(store.claimCommand('PAY-CA-000#1', { now: T0 + 1, owner: 'inline', leaseMs: 30_000 }))
    expect(inline?.lease).toEqual({ owner: 'inline', leaseUntil: T0 + 30_001 })
    expect(await claim(T0 + 2_000)).toEqual([])
    expect(await claim(T0 + 2_001)).toEqual(['PAY-CA-001#1'])
  })
}
