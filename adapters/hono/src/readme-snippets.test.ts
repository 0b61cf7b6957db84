import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// Every ```ts block of this package's README is a program: type-checked against the workspace sources, then run with
// tsx; each `console.log(...) // expected` line must print what its comment says.

const run = promisify(execFile)
const root = new URL('../../..', import.meta.url).pathname
const packageDir = new URL('..', import.meta.url).pathname
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8')
const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '')

/** The printed lines the snippet's comments promise, in order. */
const promised = (snippet: string): string[] =>
  snippet
    .split('\n')
    .map((line) => /^console\.log\(.*\) \/\/ (.+)$/.exec(line)?.[1])
    .filter((text): text is string => text !== undefined)

let dir: string
let antomPublicKey: string
beforeAll(async () => {
  // Under test/.snippet-* (ignored by git and biome); `.mts` keeps them ESM and out of the test project's `**/*.ts`.
  dir = mkdtempSync(join(root, 'test', '.snippet-hono-'))
  snippets.forEach((snippet, i) => {
    writeFileSync(join(dir, `snippet-${i + 1}.mts`), snippet)
  })
  const pair = await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )
  antomPublicKey = Buffer.from(await crypto.subtle.exportKey('spki', pair.publicKey)).toString('base64')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the README of @paychart/hono', () => {
  it('has its TypeScript blocks, each promising what it prints', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(2)
    for (const snippet of snippets) expect(promised(snippet).length).toBeGreaterThan(0)
  })

  it('type-checks every block against the workspace sources', async () => {
    const config = {
      extends: join(root, 'tsconfig.base.json'),
      compilerOptions: {
        composite: false,
        declaration: false,
        declarationMap: false,
        noEmit: true,
        lib: ['ES2023', 'DOM'],
      },
      files: snippets.map((_, i) => `snippet-${i + 1}.mts`),
    }
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config))
    const checked = await run('npx', ['tsc', '-p', join(dir, 'tsconfig.json')], { cwd: root }).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }),
    )
    expect(checked.stdout).toBe('')
  }, 120_000)

  it.each(snippets.map((snippet, i) => [i + 1, snippet] as const))(
    'block %i runs and prints what its comments say',
    async (i, snippet) => {
      const { stdout } = await run('npx', ['tsx', '--conditions=@paychart/source', join(dir, `snippet-${i}.mts`)], {
        cwd: root,
        env: { ...process.env, ANTOM_PUBLIC_KEY: antomPublicKey },
      })
      expect(stdout.trim().split('\n')).toEqual(promised(snippet))
    },
    60_000,
  )
})
