import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import type { Plugin } from 'esbuild'

/**
 * `effect`'s barrel re-exports each module as a namespace (`export * as Schema from "./Schema.js"`), and esbuild keeps
 * every export of a namespace reached that way: `import { Schema } from 'effect'` bundles all of Schema and what it
 * imports. The same code imported as `import * as Schema from 'effect/Schema'` tree-shakes. This reads the barrel
 * for the name → module map.
 */
export const effectBarrel = (): {
  readonly namespaces: ReadonlyMap<string, string>
  readonly functions: ReadonlyMap<string, string>
} => {
  const require = createRequire(import.meta.url)
  const index = readFileSync(require.resolve('effect'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')
  const namespaces = new Map<string, string>()
  for (const [, name, file] of index.matchAll(/export \* as (\w+) from "\.\/([\w/]+)\.js"/g)) {
    if (name !== undefined && file !== undefined) namespaces.set(name, `effect/${file}`)
  }
  const functions = new Map<string, string>()
  for (const [, names, file] of index.matchAll(/export \{([^}]*)\} from "\.\/([\w/]+)\.js"/g)) {
    if (names === undefined || file === undefined) continue
    for (const name of names.split(',').map((n) => n.trim())) if (name !== '') functions.set(name, `effect/${file}`)
  }
  return { namespaces, functions }
}

const IMPORT = /import\s*\{([^}]*)\}\s*from\s*'effect'/g

/** Rewrites one file's value imports from the `effect` barrel; what it does not know stays as it was. */
export const rewriteEffectImports = (source: string, barrel: ReturnType<typeof effectBarrel>): string =>
  source.replace(IMPORT, (whole, list: string) => {
    const kept: string[] = []
    const lines: string[] = []
    const named = new Map<string, string[]>()
    for (const raw of list.split(',')) {
      const specifier = raw.trim()
      if (specifier === '' || specifier.startsWith('type ')) continue
      const [name = '', alias = name] = specifier.split(/\s+as\s+/)
      const namespace = barrel.namespaces.get(name)
      const module = barrel.functions.get(name)
      if (namespace !== undefined) lines.push(`import * as ${alias} from '${namespace}'`)
      else if (module !== undefined) named.set(module, [...(named.get(module) ?? []), specifier])
      else kept.push(specifier)
    }
    for (const [module, specifiers] of named) lines.push(`import { ${specifiers.join(', ')} } from '${module}'`)
    if (kept.length > 0) lines.push(`import { ${kept.join(', ')} } from 'effect'`)
    return lines.length === 0 ? whole.replace('import', 'import type') : lines.join('\n')
  })

/** The esbuild plugin: applies `rewriteEffectImports` to the TypeScript sources (workspace packages included). */
export const effectSubpaths = (): Plugin => ({
  name: 'effect-subpaths',
  setup(build) {
    const barrel = effectBarrel()
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes('/node_modules/')) return undefined
      const source = readFileSync(args.path, 'utf8')
      return { contents: rewriteEffectImports(source, barrel), loader: 'ts', resolveDir: dirname(args.path) }
    })
  },
})
