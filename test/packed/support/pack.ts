import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export const ROOT = new URL('../../..', import.meta.url).pathname

export interface Publishable {
  readonly name: string
  readonly dir: string
  readonly manifest: {
    readonly peerDependencies?: Readonly<Record<string, string>>
    readonly [key: string]: unknown
  }
}

/** Every workspace package under packages/ and adapters/ that is not private. */
export const publishable = (): Publishable[] =>
  ['packages', 'adapters'].flatMap((group) =>
    readdirSync(join(ROOT, group))
      .map((name) => join(ROOT, group, name))
      .filter((dir) => existsSync(join(dir, 'package.json')))
      .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
      .filter(({ manifest }) => manifest.private !== true)
      .map(({ dir, manifest }) => ({ name: String(manifest.name), dir, manifest })),
  )

export interface Tarball {
  readonly name: string
  readonly file: string
  readonly files: ReadonlyArray<string>
}

/** `npm pack` of each package, as a release would run it: `prepack` builds `dist` from `src`. */
export const packAll = (packages: ReadonlyArray<Publishable>, destination: string): Tarball[] => {
  const args = ['pack', '--json', '--pack-destination', destination, ...packages.flatMap((p) => ['-w', p.name])]
  const output = execFileSync('npm', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  const packed = JSON.parse(output.slice(output.indexOf('['))) as Array<{
    name: string
    filename: string
    files: Array<{ path: string }>
  }>
  return packed.map((p) => ({ name: p.name, file: join(destination, p.filename), files: p.files.map((f) => f.path) }))
}
