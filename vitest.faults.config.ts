import { defineConfig } from "vitest/config";

// The fault-injection suite: crashes, outages and fuzzing against real processes, PostgreSQL and Redis.
// Two files at a time: each breaks only what it owns (its database, its queue prefix, its proxies).
export default defineConfig({
  test: {
    include: ["tests/faults/**/*.test.ts"],
    // Makes, once per run, the migrated template database that migratedDatabase() copies.
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: "forks",
    maxWorkers: 2,
    fileParallelism: true,
  },
});
