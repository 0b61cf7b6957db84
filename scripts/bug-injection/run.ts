// Proof that the model-based properties bite: applies one deliberate bug at a time to a copy of the repository,
// runs the properties there (scripts/bug-injection/probe.ts) and prints which property caught each bug, with the
// shrunk counterexample and how to replay it. Run by hand from the repository root:
//
//   npx tsx scripts/bug-injection/run.ts [--runs 300] [--seed 20261122] [--only name,name]
//
// The copy lives under the system's temp directory (node_modules linked, not copied) and is removed afterwards.
// The repository itself is never modified.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { BUGS, type Bug, type Patch } from './bugs.js'

const argument = (name: string): string | undefined => {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? undefined : process.argv[index + 1]
}

const root = resolve(import.meta.dirname, '..', '..')
const runs = Number(argument('runs') ?? 300)
const seed = Number(argument('seed') ?? 20_261_122)
const only = argument('only')?.split(',')

/** A copy of the repository without node_modules, dist and .git; node_modules linked, @paychart to the copy. */
const makeCopy = async (): Promise<string> => {
  const copy = mkdtempSync(join(tmpdir(), 'paychart-bug-'))
  execFileSync('rsync', [
    '-a',
    '--exclude',
    'node_modules',
    '--exclude',
    'dist',
    '--exclude',
    '.git',
    '--exclude',
    'coverage',
    '--exclude',
    '.tsc',
    `${root}/`,
    `${copy}/`,
  ])
  await mkdir(join(copy, 'node_modules'))
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (entry === '@paychart') continue
    symlinkSync(join(root, 'node_modules', entry), join(copy, 'node_modules', entry))
  }
  await mkdir(join(copy, 'node_modules', '@paychart'))
  for (const entry of readdirSync(join(root, 'node_modules', '@paychart'))) {
    const target = execFileSync('readlink', [join(root, 'node_modules', '@paychart', entry)])
      .toString()
      .trim()
    symlinkSync(target, join(copy, 'node_modules', '@paychart', entry))
  }
  for (const dir of ['packages', 'adapters', 'examples']) {
    for (const pkg of readdirSync(join(root, dir))) {
      const modules = join(root, dir, pkg, 'node_modules')
      if (existsSync(modules)) symlinkSync(modules, join(copy, dir, pkg, 'node_modules'))
    }
  }
  return copy
}

const applyPatch = (copy: string, patch: Patch): string | undefined => {
  const path = join(copy, patch.file)
  const text = readFileSync(path, 'utf8')
  const count = text.split(patch.search).length - 1
  if (count !== 1) return `${patch.file}: the search text occurs ${count} times`
  writeFileSync(path, text.replace(patch.search, patch.replace))
  return undefined
}

interface ProbeResult {
  readonly failed: boolean
  readonly property?: string
  readonly error?: string
  readonly counterexample?: ReadonlyArray<string>
  readonly seed: number
  readonly path?: string
  readonly replayPath?: string
  readonly runs: number
  /**
   * Which run caught it: the full mix, scheduled, or the late-path, slow-gateway, lost-paymentId, refused-cancel or
   * capture-told-first mix.
   */
  readonly name: string
  readonly durationMs: number
}

interface Row {
  readonly bug: Bug
  readonly result?: ProbeResult
  readonly problem?: string
}

const probe = (copy: string, bug: Bug): ProbeResult | string => {
  const run = spawnSync('npx', ['tsx', '--conditions=@paychart/source', 'scripts/bug-injection/probe.ts'], {
    cwd: copy,
    env: { ...process.env, PROBE_RUNS: String(Math.max(runs, bug.runs ?? 0)), PROBE_SEED: String(seed) },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  const line = run.stdout.split('\n').find((l) => l.startsWith('PROBE_RESULT '))
  if (line === undefined) return `the probe did not report (exit ${run.status}): ${run.stderr.slice(-800)}`
  return JSON.parse(line.slice('PROBE_RESULT '.length)) as ProbeResult
}

const rows: Array<Row> = []
for (const bug of BUGS.filter((b) => only === undefined || only.includes(b.name))) {
  const copy = await makeCopy()
  try {
    const problem = bug.patches.map((patch) => applyPatch(copy, patch)).find((p) => p !== undefined)
    if (problem !== undefined) {
      rows.push({ bug, problem: `patch did not apply: ${problem}` })
      continue
    }
    const started = Date.now()
    const result = probe(copy, bug)
    rows.push(typeof result === 'string' ? { bug, problem: result } : { bug, result })
    const verdict = typeof result === 'string' ? result : result.failed ? `caught by ${result.property}` : 'not caught'
    console.error(`${bug.name}: ${verdict} (${Date.now() - started} ms)`)
  } finally {
    rmSync(copy, { recursive: true, force: true })
  }
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ')
console.log(
  `\nBug injection: seed ${seed}, up to ${runs} flows (asyncModelRun), then ${Math.ceil(runs / 3)} scheduled, then ${Math.ceil(runs / 3)} of the late-path mix, then ${Math.ceil(runs / 3)} of the slow-gateway mix, then ${Math.ceil(runs / 3)} of each of the lost-paymentId, refused-cancel and capture-told-first mixes\n`,
)
console.log('| bug | caught by | run | shrunk counterexample | replay | error |')
console.log('| --- | --- | --- | --- | --- | --- |')
for (const { bug, result, problem } of rows) {
  if (problem !== undefined || result === undefined) {
    console.log(`| ${bug.name} | — | — | — | — | ${cell(problem ?? '')} |`)
    continue
  }
  const caught = result.failed ? (result.property ?? 'unexpected error') : 'NOT CAUGHT'
  const run = `${result.name}, ${result.runs} flows`
  const flow = (result.counterexample ?? []).join(' → ')
  const replay = result.failed
    ? `FC_SEED=${result.seed} FC_PATH=${result.path ?? ''} FC_REPLAY_PATH=${result.replayPath ?? ''}`
    : `seed ${result.seed}`
  console.log(
    `| ${bug.name} | ${caught} | ${run} | ${cell(flow)} | ${replay} | ${cell((result.error ?? '').slice(0, 220))} |`,
  )
}
const missed = rows.filter((r) => r.bug.patches.length > 0 && r.result?.failed !== true)
const baseline = rows.find((r) => r.bug.patches.length === 0)
if (baseline?.result?.failed === true) console.log('\nThe baseline failed: the table above is not evidence.')
console.log(
  missed.length === 0
    ? '\nEvery injected bug was caught.'
    : `\nNot caught: ${missed.map((r) => r.bug.name).join(', ')}`,
)
process.exitCode = missed.length === 0 && baseline?.result?.failed !== true ? 0 : 1
