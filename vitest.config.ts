import { defineConfig } from 'vitest/config';

// Unit and integration tests, in plain Node (no Electron, no browser). End-to-end tests are Playwright's.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores here: integration tests start servers and child processes.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
