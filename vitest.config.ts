import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './scripts/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'reference',
          include: ['reference/src/**/*.test.ts', 'reference/test/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'conformance',
          include: ['conformance/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'spec',
          include: ['scripts/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'bench-smoke',
          include: ['bench/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
    ],
  },
});
