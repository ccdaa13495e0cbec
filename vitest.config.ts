import { defineConfig } from 'vitest/config'

// One suite: unit tests beside integration tests that drive the real server over HTTP with fake platforms.
// Test files run in parallel workers; each test opens its own database, so they never share state.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 90_000,
    pool: 'forks',
    env: { NO_PROXY: '127.0.0.1,localhost' },
  },
})
