import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Figure } from '@paychart/bench-kit'

const root = new URL('..', import.meta.url).pathname
const workspaces = ['packages', 'adapters', 'examples', 'test'].flatMap((dir) => {
  const path = join(root, dir)
  if (!existsSync(path)) return []
  if (dir === 'test') return [path]
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(path, entry.name))
})
const resultsOf = (workspace: string) => join(workspace, '.bench', 'results.json')

for (const workspace of workspaces) rmSync(join(workspace, '.bench'), { recursive: true, force: true })

// One package at a time: two cores are too few for benchmarks that compete.
execFileSync('npx', ['turbo', 'run', 'bench', '--concurrency=1', '--output-logs=full'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
})

const figures: Figure[] = workspaces
  .filter((workspace) => existsSync(resultsOf(workspace)))
  .flatMap((workspace) => JSON.parse(readFileSync(resultsOf(workspace), 'utf8')) as Figure[])

writeFileSync(join(root, 'bench-results.json'), `${JSON.stringify(figures, null, 2)}\n`)
console.log('\nBenchmarks (value next to its baseline, measured in the same run)')
console.table(
  figures.map((f) => ({
    figure: f.name,
    value: `${f.value} ${f.unit}`,
    baseline: `${f.baselineValue} ${f.unit} (${f.baseline})`,
    ratio: f.ratio,
  })),
)
console.log(`wrote bench-results.json (${figures.length} figures)`)
