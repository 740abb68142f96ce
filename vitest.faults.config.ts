import { defineConfig } from "vitest/config";

// The fault-injection suite: crashes, outages and fuzzing against real processes, PostgreSQL and Redis.
// One file at a time: each one breaks something on purpose.
export default defineConfig({
  test: {
    include: ["tests/faults/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
  },
});
