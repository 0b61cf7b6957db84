import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { bundleEdge, CLOUDFLARE_BUNDLE_FILE, CLOUDFLARE_ENTRY, DIST, EDGE_ROOT } from '../scripts/bundle.js'
import type { EdgeBindings } from '../src/bindings.js'
import { freePort } from '../src/free-port.fixtures.js'
import { type RuntimeServer, startRuntimeServer } from '../src/runtime-server.fixtures.js'
import { binary, durableWorkerdCommand } from '../src/runtimes.fixtures.js'
import { workerdConfig } from '../src/workerd-config.fixtures.js'

const VERIFY_BUNDLE = join(DIST, 'bench-verify-worker.js')

const bundled = async (entry: string, outfile: string) => {
  const result = await bundleEdge({ entry, outfile })
  if (!result.ok) throw new Error(`${entry} did not bundle:\n${result.errors.join('\n')}`)
}

/** Bundles the Cloudflare entry and the verify-only worker (from source, wrangler's settings). */
export const bundleBoth = async (): Promise<void> => {
  await bundled(CLOUDFLARE_ENTRY, CLOUDFLARE_BUNDLE_FILE)
  await bundled(new URL('./verify-worker.ts', import.meta.url).pathname, VERIFY_BUNDLE)
}

/** workerd serving the Cloudflare entry, its payments in Durable Objects under `disk`. */
export const startDurable = async (bindings: EdgeBindings, disk: string): Promise<RuntimeServer> => {
  const port = await freePort()
  return startRuntimeServer(durableWorkerdCommand(port, bindings, disk), port)
}

/** workerd serving the verify-only worker, with the same bindings. */
export const startVerifyOnly = async (bindings: EdgeBindings): Promise<RuntimeServer> => {
  const port = await freePort()
  const config = join(DIST, `workerd-verify-${port}.capnp`)
  writeFileSync(config, workerdConfig({ bundle: VERIFY_BUNDLE.slice(DIST.length + 1), port, bindings }))
  const cleanup = () => rmSync(config, { force: true })
  return startRuntimeServer(
    { command: binary('workerd'), args: ['serve', config], env: {}, cwd: EDGE_ROOT, cleanup },
    port,
  )
}
