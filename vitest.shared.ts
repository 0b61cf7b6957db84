import { defineProject } from 'vitest/config'

/** Settings every package's vitest project shares: workspace packages resolve to their TypeScript source. */
export const sharedProject = (name: string) =>
  defineProject({
    resolve: { conditions: ['@paychart/source'] },
    ssr: { resolve: { conditions: ['@paychart/source'] } },
    test: {
      name,
      include: ['src/**/*.test.ts', '*.test.ts', '**/*.test.ts'],
      exclude: ['**/node_modules/**', '**/dist/**'],
    },
  })
