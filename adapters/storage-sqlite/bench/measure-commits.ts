import { join } from 'node:path'
import { type Figure, figure } from '@paychart/bench-kit'
import { cardFlow, type ScriptedFlow } from '@paychart/testkit/store-conformance'
import * as Effect from 'effect/Effect'
import { openConnection } from '../src/connection.js'
import type { SqliteStoreOptions } from '../src/options.js'
import { openSqliteStore } from '../src/sqlite-store.js'
import { bytesOf, plainInserter } from './plain-rows.js'

const ROUNDS = 5
/** `payments` card flows (3DS, manual capture, notification: 7 commits each, built by the machine) per round. */
const flowsFor = (tag: string, payments: number): ReadonlyArray<ScriptedFlow> =>
  Array.from({ length: payments }, (_, i) => cardFlow(`BENCH-${tag}-${String(i).padStart(4, '0')}`))

/**
 * Store commits per second next to a plain INSERT loop on a file with the same connection settings (WAL, busy
 * timeout, foreign keys, the sync level), one immediate transaction per row, each row as large as a commit's text.
 */
export const measureCommits = async (
  dir: string,
  synchronous: 'FULL' | 'NORMAL',
  payments: number,
  runtime?: string,
): Promise<Figure> => {
  const settings = (name: string): SqliteStoreOptions => ({
    filename: join(dir, `${synchronous}-${name}`),
    synchronous,
  })
  const opened = openSqliteStore(settings('store.db'))
  const plain = openConnection(settings('plain.db'))
  const insertOne = plainInserter(plain)

  /** Creates the round's payments (not timed), then times every commit of every flow, in flow order. */
  const commitRound = async (flows: ReadonlyArray<ScriptedFlow>) => {
    for (const flow of flows) await Effect.runPromise(opened.store.create(flow.payment))
    const commits = flows.flatMap((flow) => flow.commits)
    const start = performance.now()
    for (const commit of commits) await Effect.runPromise(opened.store.commit(commit))
    return { ms: performance.now() - start, count: commits.length }
  }
  const insertRound = (flows: ReadonlyArray<ScriptedFlow>) => {
    const rows = flows.flatMap((flow) => flow.commits.map((c) => [c.paymentRequestId, bytesOf(c)] as const))
    const start = performance.now()
    for (const [id, body] of rows) insertOne(id, body)
    return { ms: performance.now() - start, count: rows.length }
  }

  const warmUp = flowsFor(`${synchronous}-warm`, payments)
  insertRound(warmUp)
  await commitRound(warmUp)
  const total = { commitMs: 0, commits: 0, insertMs: 0, inserts: 0 }
  // Rounds alternate between the two, so that a busy machine slows both alike.
  for (let round = 0; round < ROUNDS; round++) {
    const flows = flowsFor(`${synchronous}-${round}`, payments)
    const committed = await commitRound(flows)
    total.commitMs += committed.ms
    total.commits += committed.count
    const inserted = insertRound(flows)
    total.insertMs += inserted.ms
    total.inserts += inserted.count
  }
  const last = flowsFor(`${synchronous}-${ROUNDS - 1}`, payments).at(-1)
  const stored = await Effect.runPromise(opened.store.load(last?.payment.paymentRequestId ?? ''))
  if (stored?.state !== 'captured') throw new Error('the last payment did not reach captured')
  const driver = opened.database.driver
  opened.close()
  plain.close()
  const where = runtime === undefined ? 'storage-sqlite' : `storage-sqlite under ${runtime} (${driver})`
  return figure(
    `${where}: card-flow commits (WAL, synchronous ${synchronous}, one immediate transaction each)`,
    (total.commits * 1000) / total.commitMs,
    'commits/s',
    `plain ${driver} INSERT of a row as large, one immediate transaction each, same settings`,
    (total.inserts * 1000) / total.insertMs,
  )
}
