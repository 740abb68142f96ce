import { defineConfig } from "vitest/config";

// Real PostgreSQL, Redis and PGlite: give hooks time, and keep to two workers on a 2-core machine.
// The fault-injection suite (tests/faults) runs apart: `npm run test:faults`.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/faults/**", "node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    fileParallelism: true,
  },
});
