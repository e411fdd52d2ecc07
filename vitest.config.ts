import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The JSON file lets .ci/run print one plain "N passed, N failed" closing line.
    reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest-results.json' }]],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/checks/**/*.test.ts'],
          // CLI tests spawn node; on a loaded 2-core machine a start-up can take several seconds.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'moto',
          include: ['test/moto/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
