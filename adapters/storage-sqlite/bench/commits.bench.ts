import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Figure, figure, writeFigures } from '@paychart/bench-kit'
import type { Commit } from '@paychart/core'
import { cardFlow, type ScriptedFlow } from '@paychart/testkit/store-conformance'
import { Effect } from 'effect'
import { openConnection } from '../src/connection.js'
import type { SqliteStoreOptions } from '../src/options.js'
import { openSqliteStore } from '../src/sqlite-store.js'

const ROUNDS = 5
const dir = mkdtempSync(join(tmpdir(), 'paychart-sqlite-bench-'))

/** What a commit writes, as text: the snapshot, the event log line and the outbox items. */
const bytesOf = (commit: Commit) =>
  JSON.stringify(commit.snapshot) + JSON.stringify(commit.event) + JSON.stringify(commit.outbox)

/** `payments` card flows (3DS, manual capture, notification: 7 commits each, built by the machine) per round. */
const flowsFor = (tag: string, payments: number): ReadonlyArray<ScriptedFlow> =>
  Array.from({ length: payments }, (_, i) => cardFlow(`BENCH-${tag}-${String(i).padStart(4, '0')}`))

/**
 * Store commits per second next to a plain INSERT loop on a file with the same connection settings (WAL, busy
 * timeout, foreign keys, the sync level), one immediate transaction per row, each row as large as a commit's text.
 */
const measure = async (synchronous: 'FULL' | 'NORMAL', payments: number): Promise<Figure> => {
  const settings = (name: string): SqliteStoreOptions => ({
    filename: join(dir, `${synchronous}-${name}`),
    synchronous,
  })
  const opened = openSqliteStore(settings('store.db'))
  const plain = openConnection(settings('plain.db'))
  plain.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, payment_request_id TEXT NOT NULL, body TEXT NOT NULL)')
  const insert = plain.prepare('INSERT INTO rows (payment_request_id, body) VALUES (?, ?)')
  const insertOne = plain.transaction((id: string, body: string) => insert.run(id, body))

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
    for (const [id, body] of rows) insertOne.immediate(id, body)
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
  opened.close()
  plain.close()
  return figure(
    `storage-sqlite: card-flow commits (WAL, synchronous ${synchronous}, one immediate transaction each)`,
    (total.commits * 1000) / total.commitMs,
    'commits/s',
    `plain better-sqlite3 INSERT of a row as large, one immediate transaction each, same settings`,
    (total.inserts * 1000) / total.insertMs,
  )
}

try {
  // FULL, the store's default, syncs the WAL on every commit: the disk sets the pace. NORMAL shows the store's own cost.
  writeFigures(new URL('../', import.meta.url), [await measure('FULL', 50), await measure('NORMAL', 200)])
} finally {
  rmSync(dir, { recursive: true, force: true })
}
