import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { PACKAGE_ROOT, runtimeBinary } from './runtime-binary.fixtures.js'

const VITEST = join(PACKAGE_ROOT, '../../node_modules/vitest/vitest.mjs')

const RUNTIMES = {
  bun: { driver: 'bun:sqlite', command: (args: string[]) => [runtimeBinary('bun'), '--bun', VITEST, ...args] },
  deno: {
    driver: 'node:sqlite',
    command: (args: string[]) => [runtimeBinary('deno'), 'run', '-A', '--no-lock', VITEST, ...args],
  },
} as const

interface Report {
  readonly numTotalTests: number
  readonly numPassedTests: number
  readonly numFailedTests: number
  readonly testResults: ReadonlyArray<{ readonly assertionResults: ReadonlyArray<{ readonly fullName: string }> }>
}

const run = (command: ReadonlyArray<string>) =>
  new Promise<{ code: number | null; output: string }>((resolve) => {
    const [file = '', ...args] = command
    const child = spawn(file, args, {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
    })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.on('close', (code) => resolve({ code, output }))
  })

describe('the SQLite store on Bun and Deno', () => {
  for (const [runtime, { driver, command }] of Object.entries(RUNTIMES)) {
    it(`passes the conformance suite, the driver tests and a 3DS card payment under ${runtime} on ${driver}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), `paychart-sqlite-${runtime}-`))
      onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
      const outputFile = join(dir, 'report.json')
      const { code, output } = await run(
        command(['run', '--config', 'runtimes/vitest.config.ts', '--reporter=json', `--outputFile=${outputFile}`]),
      )
      expect(existsSync(outputFile), output.slice(-4_000)).toBe(true)
      const report = JSON.parse(readFileSync(outputFile, 'utf8')) as Report
      const names = report.testResults.flatMap((file) => file.assertionResults.map((test) => test.fullName))
      expect({ code, failed: report.numFailedTests }, output.slice(-4_000)).toEqual({ code: 0, failed: 0 })
      expect(report.numPassedTests).toBe(report.numTotalTests)
      expect(
        names.filter((name) => name.startsWith(`PaymentStore conformance: sqlite on ${driver} `)).length,
      ).toBeGreaterThan(50)
      const opened = `the driver under ${runtime} opens on ${driver} with WAL, foreign keys, the busy timeout and the sync level`
      expect(names.filter((name) => name.endsWith(opened))).toHaveLength(1)
      expect(
        names.filter((name) => name.includes(`the driver under ${runtime} creates a new file with 1024-byte`)),
      ).toHaveLength(1)
      expect(names.filter((name) => name.startsWith('card data ')).length).toBe(2)
    }, 180_000)
  }
})
