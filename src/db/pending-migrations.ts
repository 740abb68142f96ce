/**
 * What is left to migrate, found without Prisma's schema engine. Every admin command and every start
 * of the service asks; the answer is almost always "nothing", and finding it with one query instead of
 * the engine spares each of them seconds: the engine is tens of megabytes of WebAssembly (which a
 * service would then keep) and needs both database drivers. ./migrations.ts, which holds it, is loaded
 * here only when something is pending.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { MigrationList } from "./schema-engine.ts";
import { PROJECT_ROOT } from "../core/project-root.ts";

/** Defaults are relative to the project, not the working directory, like prisma.config.ts. */
export const DEFAULT_MIGRATIONS_DIR = path.join(PROJECT_ROOT, "prisma", "migrations");

export const LOCKFILE = "migration_lock.toml";

/**
 * The migration folders not recorded as applied (with the same checksum) in `_prisma_migrations`, read
 * with one query and no schema engine. `query` runs SQL on the app's own connection.
 * @example await pendingMigrations((sql) => db.prisma.$queryRawUnsafe(sql)) // [] when up to date
 */
export async function pendingMigrations(
  query: (sql: string) => Promise<Array<{ migration_name: string; checksum: string }>>,
  migrationsDir = DEFAULT_MIGRATIONS_DIR,
): Promise<string[]> {
  const { migrationDirectories: dirs } = await readMigrationsList(migrationsDir);
  let applied: Map<string, string>;
  try {
    const rows = await query(`SELECT "migration_name", "checksum" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`);
    applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
  } catch {
    return dirs.map((d) => d.path); // no table yet: a new database
  }
  const pending: string[] = [];
  for (const { path: name, migrationFile } of dirs) {
    if (migrationFile.content.tag !== "ok") continue;
    if (applied.get(name) !== createHash("sha256").update(migrationFile.content.value).digest("hex")) pending.push(name);
  }
  return pending;
}


/** Reads the folder the way the Prisma CLI does, so the engine computes the same checksums. */
export async function readMigrationsList(baseDir: string): Promise<MigrationList> {
  const lockContent = await readFile(path.join(baseDir, LOCKFILE), "utf8").catch(() => null);
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const dirs = await Promise.all(
    entries
      .filter((e) => e.isDirectory())
      .map(async (e) => ({
        path: e.name,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(baseDir, e.name, "migration.sql"), "utf8").then(
            (value) => ({ tag: "ok" as const, value }),
            (err: Error) => ({ tag: "error" as const, value: err.message }),
          ),
        },
      })),
  );
  return {
    baseDir,
    lockfile: { path: LOCKFILE, content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories: dirs.sort((a, b) => a.path.localeCompare(b.path)),
  };
}
