/**
 * Vitest global set-up (vitest.config.ts, vitest.faults.config.ts), run once per `vitest run` before any
 * test file: makes the migrated template database that migratedDatabase() copies, unless a previous run
 * already made it for the same prisma/migrations, and drops templates unused for more than a day.
 */
import { prepareMigrationsTemplate } from "./postgres.ts";

export default async function setup(): Promise<void> {
  try {
    const { dropped } = await prepareMigrationsTemplate();
    if (dropped.length) console.log(`dropped stale template databases: ${dropped.join(", ")}`);
  } catch (err) {
    // Not fatal here: the files that need no PostgreSQL still run, and migratedDatabase() tries again
    // (and fails with the reason) in those that do.
    console.warn(`The migrated template database could not be prepared: ${(err as Error).message}`);
  }
}
