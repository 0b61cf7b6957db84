// The worker commits.bench.ts runs in workerd. Each round is one HTTP request from Node, and the worker times its
// loop itself: a commit (or a plain row) is one awaited RPC from the worker to a Durable Object, so the clock, which
// workerd only moves at I/O, moves at every step, and the hop between Node and workerd is paid once per round, not
// once per commit. Both loops go through the same RPC to the same class, one object per payment: what the store adds
// over a bare durable write is what the figure shows.
//   POST /store {payments, commits, inFlight}: creates the payments (not timed), then times their commits through
//     the store, each payment's in order, `inFlight` payments at a time.
//   POST /plain {rows, inFlight}: creates each payment's table (not timed), then times one INSERT per
//     transactionSync per row, in the same lanes.

import { DurableObject } from 'cloudflare:workers'
import type { Commit, NewPayment } from '@paychart/core/store'
import * as Effect from 'effect/Effect'
import {
  type DurableObjectNamespace,
  type DurableObjectState,
  type DurableObjectStorage,
  durableObjectClasses,
  durableObjectStore,
  type PaymentIndexRpc,
  type PaymentObjectRpc,
} from '../src/index.js'
import { inLanes } from './lanes.js'

const { PaymentObject, PaymentIndexObject } = durableObjectClasses(DurableObject)

interface PlainRowsRpc {
  prepareRows(): void
  insertRow(paymentRequestId: string, body: string): void
}

interface Env {
  readonly PAYCHART_PAYMENTS: DurableObjectNamespace<PaymentObjectRpc & PlainRowsRpc>
  readonly PAYCHART_INDEX: DurableObjectNamespace<PaymentIndexRpc>
}

/**
 * The store's payment object, plus the baseline: a plain table, one row per transaction, in objects of their own
 * (`plain:<id>`). The two classes are named as the workerd config of `src/workerd.fixtures.ts` binds them.
 */
export class TestPayments extends PaymentObject implements PlainRowsRpc {
  readonly #storage: DurableObjectStorage

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.#storage = ctx.storage
  }

  prepareRows(): void {
    this.#storage.sql.exec(
      'CREATE TABLE IF NOT EXISTS plain_rows (id INTEGER PRIMARY KEY, payment_request_id TEXT NOT NULL, body TEXT NOT NULL)',
    )
  }

  insertRow(paymentRequestId: string, body: string): void {
    this.#storage.transactionSync(() =>
      this.#storage.sql.exec('INSERT INTO plain_rows (payment_request_id, body) VALUES (?, ?)', paymentRequestId, body),
    )
  }
}

export class TestIndex extends PaymentIndexObject {}

const timed = async (work: () => Promise<number>) => {
  const start = performance.now()
  const count = await work()
  return Response.json({ ms: performance.now() - start, count })
}

interface StoreRound {
  readonly payments: ReadonlyArray<NewPayment>
  /** Each payment's commits, in order. */
  readonly commits: ReadonlyArray<ReadonlyArray<Commit>>
  readonly inFlight: number
}

const storeRound = async (env: Env, { payments, commits, inFlight }: StoreRound) => {
  const store = durableObjectStore({ payments: env.PAYCHART_PAYMENTS, index: env.PAYCHART_INDEX })
  for (const payment of payments) await Effect.runPromise(store.create(payment))
  return timed(() => inLanes(commits, inFlight, (commit) => Effect.runPromise(store.commit(commit))))
}

interface PlainRound {
  /** Each payment's rows (its id, a commit's text), in order. */
  readonly rows: ReadonlyArray<ReadonlyArray<readonly [string, string]>>
  readonly inFlight: number
}

const plainRound = async (env: Env, { rows, inFlight }: PlainRound) => {
  const object = (id: string) => env.PAYCHART_PAYMENTS.get(env.PAYCHART_PAYMENTS.idFromName(`plain:${id}`))
  for (const [id] of rows.flatMap((group) => group.slice(0, 1))) await object(id).prepareRows()
  return timed(() => inLanes(rows, inFlight, ([id, body]) => object(id).insertRow(id, body)))
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const path = new URL(request.url).pathname
    if (request.method !== 'POST') return Response.json({ serving: true })
    if (path === '/store') return storeRound(env, (await request.json()) as StoreRound)
    if (path === '/plain') return plainRound(env, (await request.json()) as PlainRound)
    if (path === '/state') {
      const store = durableObjectStore({ payments: env.PAYCHART_PAYMENTS, index: env.PAYCHART_INDEX })
      const id = ((await request.json()) as { id: string }).id
      return Response.json({ state: (await Effect.runPromise(store.load(id)))?.state ?? null })
    }
    return Response.json({ unknown: path }, { status: 404 })
  },
}
