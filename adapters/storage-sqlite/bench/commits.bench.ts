import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { type Figure, figure, writeFigures } from '@paychart/bench-kit'
import { runtimeBinary } from '../src/runtime-binary.fixtures.js'
import { measureCommits } from './measure-commits.js'

const dir = mkdtempSync(join(tmpdir(), 'paychart-sqlite-bench-'))

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

/** The same commits under Bun and Deno, each on its own SQLite, in a process of its own. */
const measureOnRuntime = (runtime: 'bun' | 'deno'): ReadonlyArray<Figure> => {
  const script = new URL('./runtime-commits.ts', import.meta.url).pathname
  const name = runtime === 'bun' ? 'Bun' : 'Deno'
  const args =
    runtime === 'bun'
      ? ['--conditions=@paychart/source', script, name]
      : ['run', '-A', '--no-lock', '--sloppy-imports', '--conditions=@paychart/source', script, name]
  const output = execFileSync(runtimeBinary(runtime), args, {
    encoding: 'utf8',
    env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return JSON.parse(output.trim().split('\n').at(-1) ?? '[]') as ReadonlyArray<Figure>
}

try {
  // FULL, the store's default, syncs the WAL on every commit: the disk sets the pace. NORMAL shows the store's own cost.
  writeFigures(new URL('../', import.meta.url), [
    await measureCommits(dir, 'FULL', 50),
    await measureCommits(dir, 'NORMAL', 200),
    await measureFourWriters(25),
    ...measureOnRuntime('bun'),
    ...measureOnRuntime('deno'),
  ])
} finally {
  rmSync(dir, { recursive: true, force: true })
}
