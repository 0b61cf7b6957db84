import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Publishable, Tarball } from './pack.js'

export const run = promisify(execFile)

/** The newest effect and hono the packages allow: the ranges they declare as peers (npm picks the newest in range). */
export const peerRange = (packages: ReadonlyArray<Publishable>, dependency: string): string => {
  const ranges = new Set(packages.flatMap((p) => p.manifest.peerDependencies?.[dependency] ?? []))
  if (ranges.size !== 1) throw new Error(`the packages declare ${ranges.size} ranges for ${dependency}: ${[...ranges]}`)
  return [...ranges][0] as string
}

/**
 * A new app outside the workspace, as a merchant makes one: its package.json names the tarballs, effect and hono at
 * the ranges the packages declare, the Node server adapter and Node's types; `npm install` from the registry
 * (`--prefer-offline`: the cache answers what it holds).
 */
export const installApp = async (
  dir: string,
  tarballs: ReadonlyArray<Tarball>,
  ranges: { readonly effect: string; readonly hono: string },
): Promise<void> => {
  mkdirSync(dir, { recursive: true })
  const manifest = {
    name: 'paychart-packed-app',
    private: true,
    type: 'module',
    dependencies: {
      ...Object.fromEntries(tarballs.map((t) => [t.name, `file:${t.file}`])),
      effect: ranges.effect,
      hono: ranges.hono,
      '@hono/node-server': '^2.1.8',
      '@types/node': '^20.19.0',
    },
    allowScripts: { 'better-sqlite3': true },
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    maxBuffer: 64 * 1024 * 1024,
  })
}

/** Every installed copy of `name` in the app's node_modules tree, with its version. */
export const copiesOf = (appDir: string, name: string): Array<{ path: string; version: string }> => {
  const found: Array<{ path: string; version: string }> = []
  const walk = (modules: string) => {
    if (!existsSync(modules)) return
    for (const entry of readdirSync(modules)) {
      if (entry.startsWith('.')) continue
      const scoped = entry.startsWith('@')
      const dirs = scoped
        ? readdirSync(join(modules, entry)).map((n) => join(modules, entry, n))
        : [join(modules, entry)]
      for (const dir of dirs) {
        const manifest = join(dir, 'package.json')
        if (existsSync(manifest)) {
          const { name: own, version } = JSON.parse(readFileSync(manifest, 'utf8')) as {
            name?: string
            version: string
          }
          if (own === name) found.push({ path: dir, version })
        }
        walk(join(dir, 'node_modules'))
      }
    }
  }
  walk(join(appDir, 'node_modules'))
  return found
}

/** A strict tsconfig for the app under `moduleResolution` NodeNext (emitting `build/`) or bundler (no emit). */
export const tsconfig = (resolution: 'nodenext' | 'bundler') => ({
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    module: resolution === 'nodenext' ? 'NodeNext' : 'ESNext',
    moduleResolution: resolution === 'nodenext' ? 'NodeNext' : 'Bundler',
    strict: true,
    skipLibCheck: true,
    types: ['node'],
    rootDir: '.',
    outDir: 'build',
    ...(resolution === 'bundler' ? { noEmit: true } : {}),
  },
  include: ['src', 'readme'],
})
