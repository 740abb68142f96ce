import type { PGlite } from "@electric-sql/pglite";
import { pendingMigrations } from "./pending-migrations.ts";

/**
 * Brings the app's open database up to date: reads what is pending with one query, and loads the
 * schema engine only when something is (at most starts, nothing is). Returns the migrations applied.
 */
export async function migrateOpenDatabase(
  db: { prisma: { $queryRawUnsafe<T>(sql: string): Promise<T> }; pglite?: PGlite },
  database: { kind: "postgres"; url: string } | { kind: "pglite" },
): Promise<string[]> {
  if ((await pendingMigrations((sql) => db.prisma.$queryRawUnsafe(sql))).length === 0) return [];
  const { deployMigrations } = await import("./migrations.ts");
  const target = db.pglite ? { kind: "pglite" as const, pglite: db.pglite } : { kind: "postgres" as const, url: (database as { url: string }).url };
  return (await deployMigrations(target)).applied;
}
