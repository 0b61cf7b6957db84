import type { Plugin } from 'esbuild'

/**
 * Resolves `hono` to `hono/tiny`, Hono's preset for small bundles: the same `Hono` class on the `PatternRouter`
 * instead of the `SmartRouter` (RegExpRouter + TrieRouter). The routes mounted here are a handful of static and
 * `:param` paths, which the pattern router matches the same way. Only `hono` itself is redirected, not its subpaths.
 */
export const honoTiny = (): Plugin => ({
  name: 'hono-tiny',
  setup(build) {
    build.onResolve({ filter: /^hono$/ }, (args) =>
      build.resolve('hono/tiny', { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer }),
    )
  },
})
