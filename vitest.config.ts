import { defineConfig } from 'vitest/config';

const shared = {
  // Handlers run in-process next to DynamoDB Local and the local API; forks isolate their
  // process.env and module state per test file.
  pool: 'forks' as const,
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    projects: [
      {
        // The local runtime itself, tested with small fixture stacks that each test file starts.
        test: { ...shared, name: 'local-runtime', include: ['test/local-stack/**/*.test.ts', 'test/local-step-functions/**/*.test.ts'] },
      },
      {
        // Everything else runs against one synthesized Lindung stack, started once for the suite.
        test: {
          ...shared,
          name: 'system',
          include: ['test/**/*.test.ts'],
          exclude: ['test/local-stack/**', 'test/local-step-functions/**'],
          globalSetup: ['test/support/build-cli.ts', 'test/support/global-setup.ts'],
        },
      },
    ],
  },
});
