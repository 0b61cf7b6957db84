import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = new URL('..', import.meta.url).pathname
const readmes = ['packages', 'adapters', 'examples']
  .flatMap((dir) =>
    existsSync(join(root, dir)) ? readdirSync(join(root, dir)).map((name) => join(root, dir, name)) : [],
  )
  .concat(join(root, 'test'))
  .map((dir) => join(dir, 'README.md'))
  .filter((path) => existsSync(join(path, '..', 'package.json')))

const firstSnippet = (readme: string): string | undefined => {
  const text = readFileSync(readme, 'utf8')
  const beforeCode = text.slice(0, text.indexOf('```'))
  if (beforeCode.split('\n').some((line) => line.trim() !== '' && !line.startsWith('#'))) return undefined
  return /```ts\n([\s\S]*?)```/.exec(text)?.[1]
}

describe('package READMEs', () => {
  it.each(readmes.map((r) => [r.slice(root.length), r]))(
    '%s exists and starts with a TypeScript snippet',
    (_name, readme) => {
      expect(existsSync(readme)).toBe(true)
      expect(firstSnippet(readme)).toBeDefined()
    },
  )

  it.each(readmes.map((r) => [r.slice(root.length), r]))(
    'the first snippet of %s runs',
    (_name, readme) => {
      const dir = mkdtempSync(join(root, 'test', '.snippet-'))
      try {
        const file = join(dir, 'snippet.ts')
        writeFileSync(file, firstSnippet(readme) ?? '')
        const output = execFileSync('npx', ['tsx', '--conditions=@paychart/source', file], {
          cwd: root,
          encoding: 'utf8',
        })
        expect(output.trim().length).toBeGreaterThan(0)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
    30_000,
  )
})
