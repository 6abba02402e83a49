import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Store tests start real databases; give slow machines room without hiding hangs.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
