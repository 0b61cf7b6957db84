import { createHash } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import { CHECKOUT_SDK_SCRIPT } from './pages/checkout-sdk-script.js'
import { STATECHART_SCRIPT } from './pages/statechart-script.js'

const require = createRequire(import.meta.url)

/** The installed mermaid's version, read from its package.json: it names the folder mermaid is served under. */
export const MERMAID_VERSION: string = (require('mermaid/package.json') as { version: string }).version

/**
 * Mermaid's ESM browser build in node_modules: an entry module, and chunks it imports by relative URL when a diagram
 * needs them. A state diagram loads about 0.8 MB of them; the single-file `mermaid.min.js` is 3.6 MB.
 */
const MERMAID_DIST = dirname(require.resolve('mermaid/dist/mermaid.esm.min.mjs'))
const MERMAID_CHUNKS = 'chunks/mermaid.esm.min'
const MERMAID_FILES = [
  'mermaid.esm.min.mjs',
  ...readdirSync(join(MERMAID_DIST, MERMAID_CHUNKS))
    .filter((name) => name.endsWith('.mjs'))
    .map((name) => `${MERMAID_CHUNKS}/${name}`),
]

/**
 * Where mermaid's files are served, by this shop and never a CDN: `/assets/mermaid-<version>/` and their paths under
 * `dist/`. The chunks' names carry their hashes and the folder the version, so all can be cached for good.
 */
export const MERMAID_BASE = `/assets/mermaid-${MERMAID_VERSION}/`

/** The module the page's script imports. */
export const MERMAID_URL = `${MERMAID_BASE}mermaid.esm.min.mjs`

/** The gateway's Checkout Page SDK as one browser script (its UMD build sets `window.AMSCheckoutPage`). */
const AMS_CHECKOUT_FILE = require.resolve('@alipay/ams-checkout/dist/umd/ams-checkout.min.js')
const AMS_CHECKOUT_VERSION: string = (require('@alipay/ams-checkout/package.json') as { version: string }).version
export const AMS_CHECKOUT_URL = `/assets/ams-checkout-${AMS_CHECKOUT_VERSION}.min.js`

/** The shop's script that mounts it; the name carries the script's hash. */
export const CHECKOUT_SDK_URL = `/assets/checkout-sdk-${createHash('sha256').update(CHECKOUT_SDK_SCRIPT).digest('hex').slice(0, 12)}.js`

/** Where the page loads its own script from; the name carries the script's hash, for the same reason. */
export const STATECHART_URL = `/assets/statechart-${createHash('sha256').update(STATECHART_SCRIPT).digest('hex').slice(0, 12)}.js`

export interface Served {
  readonly plain: Uint8Array<ArrayBuffer>
  /** Compressed once, on the first request. */
  readonly gzipped: Uint8Array<ArrayBuffer>
}

/** Loads and compresses on the first call, then answers from memory; a failed load is tried again next time. */
const once = (load: () => Promise<Uint8Array>): (() => Promise<Served>) => {
  let served: Promise<Served> | undefined
  return () => {
    served ??= load()
      .then(async (plain) => ({ plain: new Uint8Array(plain), gzipped: new Uint8Array(await promisify(gzip)(plain)) }))
      .catch((error: unknown) => {
        served = undefined
        throw error
      })
    return served
  }
}

/** Every file served under `/assets/`, by URL: nothing else is, whatever the path asks for. */
export const ASSETS: ReadonlyMap<string, () => Promise<Served>> = new Map([
  ...MERMAID_FILES.map((file) => [`${MERMAID_BASE}${file}`, once(() => readFile(join(MERMAID_DIST, file)))] as const),
  [STATECHART_URL, once(async () => new TextEncoder().encode(STATECHART_SCRIPT))],
  [AMS_CHECKOUT_URL, once(() => readFile(AMS_CHECKOUT_FILE))],
  [CHECKOUT_SDK_URL, once(async () => new TextEncoder().encode(CHECKOUT_SDK_SCRIPT))],
])
