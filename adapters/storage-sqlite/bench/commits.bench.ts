import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { type Figure, figure, writeFigures } from '@paychart/bench-kit'
import { cardFlow, type ScriptedFlow } from '@paychart/testkit/store-conformance'
import { Effect } from 'effect'
import { openConnection } from '../src/connection.js'
import type { SqliteStoreOptions } from '../src/options.js'
import { openSqliteStore } from '../src/sqlite-store.js'
import { bytesOf, plainInserter } from './plain-rows.js'

const ROUNDS = 5
const dir = mkdtempSync(join(tmpdir(), 'paychart-sqlite-bench-'))

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

const WRITERS = 4
const writerScript = new URL('./writer.ts', import.meta.url).pathname

/** Starts `WRITERS` writer processes on one file, lets them prepare, starts them together: their rows per second. */
const runWriters = async (mode: 'store' | 'plain', filename: string, tag: string, payments: number) => {
  const children = Array.from({ length: WRITERS }, (_, i) =>
    spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=@paychart/source',
        writerScript,
        mode,
        filename,
        `${tag}-${i}`,
        String(payments),
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    ),
  )
  const lines = children.map((child) => createInterface({ input: child.stdout })[Symbol.asyncIterator]())
  const next = async (i: number) => String((await lines[i]?.next())?.value ?? '')
  // Opening the store migrates the file: the first writer prepares alone, the others after it.
  if ((await next(0)) !== 'ready') throw new Error(`writer 0 (${mode}) did not get ready`)
  for (let i = 1; i < WRITERS; i++) if ((await next(i)) !== 'ready') throw new Error(`writer ${i} did not get ready`)
  const start = performance.now()
  for (const child of children) child.stdin.write('go\n')
  const results = await Promise.all(
    children.map((_, i) => next(i).then((line) => JSON.parse(line) as { count: number })),
  )
  const ms = performance.now() - start
  return { count: results.reduce((sum, r) => sum + r.count, 0), ms }
}

/** Four processes committing card flows of their own payments to one file at once, next to four plain INSERT loops. */
const measureFourWriters = async (payments: number): Promise<Figure> => {
  const total = { commitMs: 0, commits: 0, insertMs: 0, inserts: 0 }
  for (let round = 0; round < 3; round++) {
    const committed = await runWriters('store', join(dir, `four-store-${round}.db`), `F${round}`, payments)
    total.commitMs += committed.ms
    total.commits += committed.count
    const inserted = await runWriters('plain', join(dir, `four-plain-${round}.db`), `F${round}`, payments)
    total.insertMs += inserted.ms
    total.inserts += inserted.count
  }
  return figure(
    `storage-sqlite: card-flow commits, four writer processes on one file (WAL, synchronous FULL)`,
    (total.commits * 1000) / total.commitMs,
    'commits/s',
    'four processes of plain better-sqlite3 INSERTs of rows as large on one file, same settings',
    (total.inserts * 1000) / total.insertMs,
  )
}

try {
  // FULL, the store's default, syncs the WAL on every commit: the disk sets the pace. NORMAL shows the store's own cost.
  writeFigures(new URL('../', import.meta.url), [
    await measure('FULL', 50),
    await measure('NORMAL', 200),
    await measureFourWriters(25),
  ])
} finally {
  rmSync(dir, { recursive: true, force: true })
}
