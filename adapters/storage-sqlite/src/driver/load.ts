import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/**
 * Loads a driver when it is chosen, not when this package is imported: `bun:sqlite` exists only under Bun,
 * `node:sqlite` only on Deno and newer Node, and better-sqlite3's addon does not load under either of them.
 */
export const load = <T>(specifier: string, member?: string): T => {
  const loaded = require(specifier) as Record<string, unknown>
  return (member === undefined ? (loaded.default ?? loaded) : loaded[member]) as T
}
