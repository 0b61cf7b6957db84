import { existsSync } from 'node:fs'
import { join } from 'node:path'

export const PACKAGE_ROOT = new URL('..', import.meta.url).pathname

/** The Bun or Deno binary npm installed: the package's own `.bin`, else the workspace root's. */
export const runtimeBinary = (name: 'bun' | 'deno'): string =>
  [join(PACKAGE_ROOT, 'node_modules/.bin', name), join(PACKAGE_ROOT, '../../node_modules/.bin', name)].find(
    existsSync,
  ) ?? name
