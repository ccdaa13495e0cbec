import { defineConfig } from 'vitest/config'

// `npm run test:faults`: the crash-test matrix (test/faults/crash.faults.ts), one scenario at a time (each runs the
// production server as a child process and measures timings, so nothing else should share the machine's two cores).
export default defineConfig({
  test: {
    include: ['test/faults/**/*.faults.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    env: { NO_PROXY: '127.0.0.1,localhost' },
  },
})
