import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import {
  AMS_CHECKOUT_URL,
  ASSETS,
  CHECKOUT_SDK_URL,
  MERMAID_BASE,
  MERMAID_URL,
  MERMAID_VERSION,
  STATECHART_URL,
} from '../assets.js'
import { STATECHART_SCRIPT } from '../pages/statechart-script.js'
import { acceptsGzip, assetRoutes } from './asset-routes.js'

const app = assetRoutes()
const dist = dirname(createRequire(import.meta.url).resolve('mermaid/dist/mermaid.esm.min.mjs'))
const installed = (file: string) => readFileSync(join(dist, file))
const entry = installed('mermaid.esm.min.mjs')
const gzip = { headers: { 'Accept-Encoding': 'gzip, deflate, br' } }

describe('the scripts the payment page loads, served by the shop', () => {
  it('serves the installed mermaid ESM entry, gzipped once, cached for a year under its version', async () => {
    expect(MERMAID_BASE).toBe(`/assets/mermaid-${MERMAID_VERSION}/`)
    expect(MERMAID_URL).toBe(`${MERMAID_BASE}mermaid.esm.min.mjs`)
    const response = await app.request(MERMAID_URL, gzip)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
    expect(response.headers.get('Content-Encoding')).toBe('gzip')
    expect(response.headers.get('Vary')).toBe('Accept-Encoding')
    const gzipped = Buffer.from(await response.arrayBuffer())
    expect(gzipped.length).toBeLessThan(entry.length / 2)
    expect(gunzipSync(gzipped).equals(entry)).toBe(true)
  })

  it('serves every chunk the entry imports, where its relative URL points', async () => {
    const imports = [...entry.toString().matchAll(/(?:from|import\()\s*"\.\/([^"]+\.mjs)"/g)].map((m) => m[1] ?? '')
    expect(imports.length).toBeGreaterThan(20)
    for (const file of new Set(imports)) {
      const response = await app.request(`${MERMAID_BASE}${file}`)
      expect(response.status, file).toBe(200)
      expect(Buffer.from(await response.arrayBuffer()).equals(installed(file)), file).toBe(true)
    }
  })

  it('sends a file as it is to a client that takes no gzip', async () => {
    const response = await app.request(MERMAID_URL, { headers: { 'Accept-Encoding': 'gzip;q=0, identity' } })
    expect(response.headers.get('Content-Encoding')).toBeNull()
    expect(Buffer.from(await response.arrayBuffer()).equals(entry)).toBe(true)
  })

  it('serves the page’s own script under its hash, and nothing else under /assets', async () => {
    expect(STATECHART_URL).toMatch(/^\/assets\/statechart-[0-9a-f]{12}\.js$/)
    const script = await app.request(STATECHART_URL)
    expect(script.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8')
    expect(await script.text()).toBe(STATECHART_SCRIPT)
    for (const path of [
      `${MERMAID_BASE}mermaid.min.js`,
      `${MERMAID_BASE}mermaid.esm.min.mjs.map`,
      `${MERMAID_BASE}..%2F..%2Fpackage.json`,
      `${MERMAID_BASE}chunks/mermaid.esm.min/..%2F..%2F..%2Fpackage.json`,
      '/assets/mermaid.esm.min.mjs',
    ])
      expect((await app.request(path)).status, path).toBe(404)
    const own = new Set([STATECHART_URL, CHECKOUT_SDK_URL, AMS_CHECKOUT_URL])
    expect([...ASSETS.keys()].every((url) => own.has(url) || url.startsWith(MERMAID_BASE))).toBe(true)
  })

  it('reads Accept-Encoding', () => {
    expect(acceptsGzip('gzip')).toBe(true)
    expect(acceptsGzip('GZIP')).toBe(true)
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true)
    expect(acceptsGzip('*')).toBe(true)
    expect(acceptsGzip('gzip;q=0')).toBe(false)
    expect(acceptsGzip('gzip;q=0, *')).toBe(false)
    expect(acceptsGzip('identity')).toBe(false)
    expect(acceptsGzip(undefined)).toBe(false)
  })
})
