import { type Figure, figure } from '@paychart/bench-kit'
import { type BundleResult, bundleEdge, CLOUDFLARE_ENTRY } from '../scripts/bundle.js'

// The edge entries as a user's wrangler builds them, from the packages' built `dist` (turbo builds them before any
// bench), next to the floor of effect + xstate + hono/tiny bundled with the same settings in the same run.
const sizeOf = (result: BundleResult): number => {
  if (!result.ok) throw new Error(result.errors.join('\n'))
  return result.gzipBytes
}

export const bundleFigures = async (): Promise<ReadonlyArray<Figure>> => {
  const floorEntry = new URL('./floor-worker.ts', import.meta.url).pathname
  const floor = sizeOf(await bundleEdge({ entry: floorEntry, fromSource: false, write: false }))
  const edge = sizeOf(await bundleEdge({ fromSource: false, write: false }))
  const cloudflare = sizeOf(await bundleEdge({ entry: CLOUDFLARE_ENTRY, fromSource: false, write: false }))
  console.log(`budget 81,920 B (80 KB): ${edge <= 80 * 1024 ? 'met' : `not met, ${edge - 80 * 1024} B over`}`)
  const baseline = 'effect + xstate + hono/tiny floor worker (gzip)'
  return [
    figure('edge bundle, wrangler settings (gzip)', edge, 'B', baseline, floor),
    figure(
      'edge bundle, the Cloudflare entry on Durable Objects, wrangler settings (gzip)',
      cloudflare,
      'B',
      baseline,
      floor,
    ),
  ]
}
