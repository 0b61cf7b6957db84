import { figure, writeFigures } from '@paychart/bench-kit'
import { type BundleResult, bundleEdge } from '../scripts/bundle.js'

// The edge entry as a user's wrangler builds it, from the packages' built `dist` (turbo builds them before any
// bench), next to the floor of effect + hono/tiny bundled with the same settings in the same run.
const sizeOf = (result: BundleResult): number => {
  if (!result.ok) throw new Error(result.errors.join('\n'))
  return result.gzipBytes
}
const edge = sizeOf(await bundleEdge({ fromSource: false, write: false }))
const floor = sizeOf(
  await bundleEdge({ entry: new URL('./floor-worker.ts', import.meta.url).pathname, fromSource: false, write: false }),
)
writeFigures(new URL('..', import.meta.url), [
  figure('edge bundle, wrangler settings (gzip)', edge, 'B', 'effect + hono/tiny floor worker (gzip)', floor),
])
console.log(`budget 81,920 B (80 KB): ${edge <= 80 * 1024 ? 'met' : `not met, ${edge - 80 * 1024} B over`}`)
