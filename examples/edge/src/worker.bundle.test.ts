import { builtinModules } from 'node:module'
import type { Metafile } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  BUDGET_GZIP_BYTES,
  type BundleResult,
  bundleEdge,
  CEILING_GZIP_BYTES,
  CLOUDFLARE_CEILING_GZIP_BYTES,
  CLOUDFLARE_ENTRY,
} from '../scripts/bundle.js'
import { contributorsByGroup } from '../scripts/contributors.js'

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

/** Module specifiers the bundle still imports at run time, as esbuild records them (static, dynamic, require). */
const importedSpecifiers = (metafile: Metafile): string[] =>
  Object.values(metafile.outputs).flatMap((output) => output.imports.map((entry) => entry.path))

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))

let strict: BundleResult

beforeAll(async () => {
  strict = await bundleEdge({ write: false })
}, 60_000)

describe("the edge bundle (src/worker.ts, built with wrangler's esbuild settings)", () => {
  it('is built so that a Node builtin, node: or bare, fails the build', async () => {
    const entry = new URL('./fixtures/builtin-imports.ts', import.meta.url).pathname
    const refused = await bundleEdge({ entry, write: false })
    expect(refused.ok).toBe(false)
    const errors = refused.ok ? [] : refused.errors.join('\n')
    expect(errors).toContain('Could not resolve "node:fs"')
    expect(errors).toContain('Could not resolve "crypto"')
  })

  it('builds with no Node builtin: platform neutral fails on any node: or builtin import', () => {
    expect(strict.ok ? [] : strict.errors).toEqual([])
  })

  it('imports no module at run time, Node builtin or other', () => {
    if (!strict.ok) throw new Error(strict.errors.join('\n'))
    const specifiers = importedSpecifiers(strict.metafile)
    expect(specifiers.filter((s) => NODE_BUILTINS.has(s) || s.startsWith('node:'))).toEqual([])
    expect(specifiers).toEqual([])
  })

  it(`prints its gzip size and stays within the ${kb(BUDGET_GZIP_BYTES)} budget (ceiling ${kb(CEILING_GZIP_BYTES)})`, () => {
    if (!strict.ok) throw new Error(strict.errors.join('\n'))
    const top = contributorsByGroup(strict.metafile)
      .slice(0, 8)
      .map(({ name, bytes }) => `${kb(bytes).padStart(9)}  ${name}`)
    console.log(
      [
        `edge bundle: raw ${kb(strict.rawBytes)}, gzip ${kb(strict.gzipBytes)}`,
        'largest (bytes in the minified output):',
        ...top,
      ].join('\n'),
    )
    const verdict = strict.gzipBytes <= BUDGET_GZIP_BYTES ? 'met' : 'NOT met'
    console.log(`budget ${kb(BUDGET_GZIP_BYTES)} gzip: ${verdict}`)
    expect(strict.gzipBytes, `gzip ${strict.gzipBytes} B`).toBeLessThanOrEqual(CEILING_GZIP_BYTES)
  })
})

describe("the Cloudflare entry (src/cloudflare-worker.ts, the Durable Objects store), built with wrangler's settings", () => {
  let cloudflare: BundleResult
  beforeAll(async () => {
    cloudflare = await bundleEdge({ entry: CLOUDFLARE_ENTRY, write: false })
  }, 60_000)

  it("imports only the runtime's own cloudflare:workers at run time", () => {
    if (!cloudflare.ok) throw new Error(cloudflare.errors.join('\n'))
    expect([...new Set(importedSpecifiers(cloudflare.metafile))]).toEqual(['cloudflare:workers'])
  })

  it(`prints its gzip size and stays under its ${kb(CLOUDFLARE_CEILING_GZIP_BYTES)} ceiling`, () => {
    if (!cloudflare.ok) throw new Error(cloudflare.errors.join('\n'))
    const store = contributorsByGroup(cloudflare.metafile).find(({ name }) => name.includes('storage-cloudflare'))
    console.log(
      `Cloudflare bundle: raw ${kb(cloudflare.rawBytes)}, gzip ${kb(cloudflare.gzipBytes)}; the store ${kb(store?.bytes ?? 0)} minified`,
    )
    expect(store?.bytes ?? 0).toBeGreaterThan(0)
    expect(cloudflare.gzipBytes, `gzip ${cloudflare.gzipBytes} B`).toBeLessThanOrEqual(CLOUDFLARE_CEILING_GZIP_BYTES)
  })
})
