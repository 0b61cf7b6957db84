import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'adapters/*/vitest.config.ts',
      'examples/*/vitest.config.ts',
      'test/vitest.config.ts',
      'scripts/bug-injection/vitest.config.ts',
    ],
    reporters: ['default', './scripts/summary-reporter.ts'],
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts', 'adapters/*/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/*.fixtures.ts', '**/*.suite.ts', '**/fixtures/**', '**/*.data.ts'],
      reporter: [['text', { skipFull: true }], 'text-summary'],
      thresholds: { 'packages/core/src/**': { lines: 90 } },
    },
  },
})
