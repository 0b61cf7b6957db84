import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { BUNDLE_FILE, CLOUDFLARE_BUNDLE_FILE, DIST, EDGE_ROOT } from '../scripts/bundle.js'
import type { EdgeBindings } from './bindings.js'
import type { RuntimeCommand } from './runtime-server.fixtures.js'
import { type WorkerdConfigOptions, workerdConfig } from './workerd-config.fixtures.js'

export const RUNTIMES = ['node', 'deno', 'bun', 'workerd'] as const
export type Runtime = (typeof RUNTIMES)[number]

/** The binary npm installed: the package's own `.bin`, else the workspace root's. */
export const binary = (name: string): string => {
  const candidates = [join(EDGE_ROOT, 'node_modules/.bin', name), join(EDGE_ROOT, '../../node_modules/.bin', name)]
  return candidates.find((path) => existsSync(path)) ?? name
}

/** workerd serving the config written to `dist/bundle/<file>`, removed again by `cleanup`. */
const workerdCommand = (file: string, options: WorkerdConfigOptions): RuntimeCommand => {
  const config = join(DIST, file)
  writeFileSync(config, workerdConfig(options))
  return {
    command: binary('workerd'),
    args: ['serve', config],
    env: {},
    cwd: EDGE_ROOT,
    cleanup: () => rmSync(config, { force: true }),
  }
}

/** How each runtime serves `dist/bundle/worker.js` on `port` with `bindings`. */
export const runtimeCommand = (runtime: Runtime, port: number, bindings: EdgeBindings): RuntimeCommand => {
  const env = { ...bindings, EDGE_PORT: String(port) }
  switch (runtime) {
    case 'node':
      return { command: process.execPath, args: ['runtimes/node-server.js'], env, cwd: EDGE_ROOT }
    case 'deno':
      return {
        command: binary('deno'),
        args: ['run', '--no-config', '--no-lock', '--allow-net', '--allow-env', 'runtimes/deno-server.js'],
        env: { ...env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
        cwd: EDGE_ROOT,
      }
    case 'bun':
      return { command: binary('bun'), args: ['run', 'runtimes/bun-server.js'], env, cwd: EDGE_ROOT }
    case 'workerd':
      return workerdCommand(`workerd-${port}.capnp`, { bundle: BUNDLE_FILE.slice(DIST.length + 1), port, bindings })
  }
}

/**
 * workerd serving the Cloudflare entry (`dist/bundle/cloudflare-worker.js`) on `port`, its payments in Durable
 * Objects whose files live under `disk`: start it again on the same `disk` and they are still there.
 */
export const durableWorkerdCommand = (port: number, bindings: EdgeBindings, disk: string): RuntimeCommand =>
  workerdCommand(`workerd-durable-${port}.capnp`, {
    bundle: CLOUDFLARE_BUNDLE_FILE.slice(DIST.length + 1),
    port,
    bindings,
    durableObjects: { disk },
  })
