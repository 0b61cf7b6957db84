import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

// The testkit README's block on the payment properties is a program a user would run: it checks a webhook built on
// @paychart/hono, then one that acknowledges before committing. It runs here as written; each `console.log(...) //
// expected` line must print what its comment says.

const run = promisify(execFile)
const root = new URL('..', import.meta.url).pathname
const readme = readFileSync(join(root, 'packages/testkit/README.md'), 'utf8')
const section = readme.slice(readme.indexOf('## Whole-flow payment properties'))
const snippet = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? ''

const promised = (code: string): string[] =>
  code
    .split('\n')
    .map((line) => /^console\.log\(.*\) \/\/ (.+)$/.exec(line)?.[1])
    .filter((text): text is string => text !== undefined)

describe('the payment-properties example of the testkit README', () => {
  it('runs against a real webhook and a hasty one, and prints what it promises', async () => {
    expect(promised(snippet)).toHaveLength(2)
    // Under test/.snippet-* (ignored by git and biome); `.mts` keeps it ESM and out of the test project's `**/*.ts`.
    const dir = mkdtempSync(join(root, 'test', '.snippet-testkit-'))
    try {
      writeFileSync(join(dir, 'properties.mts'), snippet)
      const { stdout } = await run('npx', ['tsx', '--conditions=@paychart/source', join(dir, 'properties.mts')], {
        cwd: root,
      })
      const printed = stdout
        .trim()
        .split('\n')
        .filter((line) => !line.startsWith('[model]'))
      expect(printed).toEqual(promised(snippet))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 180_000)
})
