import { defineConfig } from "vitest/config";

// Real PostgreSQL, Redis and PGlite: give hooks time, and keep to two workers on a 2-core machine.
// The fault-injection suite (tests/faults) runs apart: `npm run test:faults`. So do the tests in a real
// Chromium (tests/browser), which need the browser installed: they run only when the command line names
// them (`npm run test:browser` is `vitest run tests/browser`), since a filter cannot undo an exclude.
const browserTests = process.argv.some((arg) => arg.replaceAll("\\", "/").includes("tests/browser"));

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Makes, once per run, the migrated template database that migratedDatabase() copies.
    globalSetup: ["tests/support/global-setup.ts"],
    exclude: ["tests/faults/**", ...(browserTests ? [] : ["tests/browser/**"]), "node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    fileParallelism: true,
  },
});
