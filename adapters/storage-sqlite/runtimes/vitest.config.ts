import { defineConfig } from 'vitest/config'

/**
 * The store's own tests and a card payment, run by Bun (`bun --bun vitest`) and Deno (`deno run -A vitest`) on
 * their built-in SQLite: `src/runtimes.test.ts` starts both and reads their JSON reports. Forks, because Deno's
 * worker threads lack what vitest's thread pool needs at teardown.
 */
export default defineConfig({
  root: new URL('..', import.meta.url).pathname,
  resolve: { conditions: ['@paychart/source'] },
  ssr: { resolve: { conditions: ['@paychart/source'] } },
  test: {
    include: ['src/sqlite-store.test.ts', 'src/card-flow.test.ts'],
    pool: 'forks',
  },
})
