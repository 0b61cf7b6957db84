import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { measureCommits } from './measure-commits.js'

/**
 * Run by `commits.bench.ts` under Bun and Deno (`bun`/`deno run` of this file, the `@paychart/source` condition):
 * the store's commits next to a plain INSERT loop on the runtime's own SQLite, as JSON figures on stdout.
 */
const runtime = process.argv[2] ?? 'this runtime'
const dir = mkdtempSync(join(tmpdir(), 'paychart-sqlite-bench-'))
try {
  const figures = [await measureCommits(dir, 'FULL', 50, runtime), await measureCommits(dir, 'NORMAL', 200, runtime)]
  console.log(JSON.stringify(figures))
} finally {
  rmSync(dir, { recursive: true, force: true })
}
