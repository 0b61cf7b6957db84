import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// The layout of tests and fixtures the root README describes ("Tests and fixtures"), checked on every package's
// files as they are on disk (new files included), so that the rules hold without anyone remembering them.

const ROOT = new URL('..', import.meta.url).pathname
const SKIP = new Set(['node_modules', 'dist', '.tsc', '.turbo', 'coverage'])

interface Workspace {
  readonly dir: string
  readonly name: string
  readonly published: boolean
  readonly declared: ReadonlySet<string>
}

const workspaces: Workspace[] = ['packages', 'adapters', 'examples'].flatMap((group) =>
  readdirSync(join(ROOT, group))
    .map((name) => join(group, name))
    .filter((dir) => existsSync(join(ROOT, dir, 'package.json')))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8'))
      const declared = new Set([
        manifest.name,
        ...Object.keys(manifest.dependencies ?? {}),
        ...Object.keys(manifest.peerDependencies ?? {}),
      ])
      return { dir, name: String(manifest.name), published: manifest.private !== true, declared }
    }),
)

const filesUnder = (dir: string): string[] =>
  existsSync(join(ROOT, dir))
    ? readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
        if (SKIP.has(entry.name)) return []
        const path = join(dir, entry.name)
        return entry.isDirectory() ? filesUnder(path) : [path]
      })
    : []

/** What only tests use: test files, fixtures, shared suites, and anything in a fixtures/ folder. */
const isTestOnly = (path: string) => /\.(test|fixtures|suite)\.ts$/.test(path) || /(^|\/)fixtures\//.test(path)

/** Modules a package publishes on purpose for its users' tests: public API with ordinary names, not fixtures. */
const PUBLIC_TESTING = [/^packages\/testkit\/src\/store-conformance\//]

const tsFiles = workspaces.flatMap((w) => filesUnder(w.dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')))
const sourceOf = (path: string) => readFileSync(join(ROOT, path), 'utf8')
/** Every module a file imports or re-exports: static, side-effect only and dynamic imports. */
const specifiers = (source: string) =>
  [
    ...source.matchAll(
      /(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ]
    .map((m) => m[1] ?? m[2] ?? m[3] ?? '')
    .filter((s) => s !== '')
/**
 * Registers tests that assert: `it`/`test` blocks and vitest's `expect`. (A fixture may register a stand-in that only
 * fails, as `withPostgres` does in CI when Postgres is missing; that is a gate, not a suite.)
 */
const definesTests = (source: string) =>
  /import\s*\{[^}]*\bexpect\b[^}]*\}\s*from ['"]vitest['"]/.test(source) &&
  /(^|\n)\s*(it|test)(\.\w+)*(\(|\.each)/.test(source)

/** A workspace's code that is not test-only, under src/ (and bin/, which testkit ships too). */
const shippedIn = (w: Workspace) =>
  tsFiles.filter((f) => (f.startsWith(`${w.dir}/src/`) || f.startsWith(`${w.dir}/bin/`)) && !isTestOnly(f))

describe('tests and fixtures follow one layout', () => {
  it('every test file sits in its package’s src/, beside the code it tests', () => {
    const astray = tsFiles.filter(
      (f) => f.endsWith('.test.ts') && !workspaces.some((w) => f.startsWith(`${w.dir}/src/`)),
    )
    expect(astray).toEqual([])
  })

  it('a module that defines tests for others to call is a *.suite.ts (or public testing API)', () => {
    const unnamed = tsFiles.filter(
      (f) =>
        !/\.(test|suite)\.ts$/.test(f) &&
        !PUBLIC_TESTING.some((p) => p.test(f)) &&
        !/\/(bench|scripts)\//.test(f) &&
        definesTests(sourceOf(f)),
    )
    expect(unnamed).toEqual([])
  })

  it('no code outside tests imports a test, a fixture, a suite or a fixtures/ folder', () => {
    const offenders = workspaces.flatMap((w) =>
      shippedIn(w).flatMap((file) =>
        specifiers(sourceOf(file))
          .filter((s) => s.startsWith('.'))
          .map((s) => relative(ROOT, resolve(ROOT, dirname(file), s)).replace(/\.js$/, '.ts'))
          .filter(isTestOnly)
          .map((target) => `${file} imports ${target}`),
      ),
    )
    expect(offenders).toEqual([])
  })

  it('published code imports only the packages its manifest declares as dependencies or peers', () => {
    const builtins = new Set(builtinModules)
    const packageOf = (s: string) =>
      s
        .split('/')
        .slice(0, s.startsWith('@') ? 2 : 1)
        .join('/')
    const undeclared = workspaces
      .filter((w) => w.published)
      .flatMap((w) =>
        shippedIn(w).flatMap((file) =>
          specifiers(sourceOf(file))
            .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtins.has(packageOf(s)))
            .filter((s) => !w.declared.has(packageOf(s)))
            .map((s) => `${file} imports ${s}, which ${w.name} does not declare`),
        ),
      )
    expect(undeclared).toEqual([])
  })
})
