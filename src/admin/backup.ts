import { existsSync } from "node:fs";
import path from "node:path";
import { UsageError, type AdminContext } from "./context.ts";

// The database is never opened through the app here: a restore must not migrate the database it is
// about to replace, and a backup of the embedded database needs it closed.

function fileAndForce(args: string[], usage: string): { file: string; force: boolean } {
  const rest = args.filter((a) => a !== "--force");
  if (rest.length !== 1 || rest[0]!.startsWith("--")) throw new UsageError(usage);
  return { file: rest[0]!, force: rest.length < args.length };
}

const size = (bytes: number) => (bytes < 1 << 20 ? `${Math.max(1, Math.round(bytes / 1024))} kB` : `${(bytes / (1 << 20)).toFixed(1)} MB`);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/**
 * `admin -- backup FILE [--force]`: the whole database into FILE. PostgreSQL: `pg_dump --format=custom`;
 * the embedded database: its folder as a tar.gz, refused while the service has it open. An existing
 * FILE is kept unless --force.
 */
export async function backupCommand(ctx: AdminContext, args: string[]): Promise<void> {
  const { file, force } = fileAndForce(args, "usage: npm run admin -- backup FILE [--force]");
  if (existsSync(file) && !force) throw new UsageError(`${file} already exists: choose another name, or add --force to replace it`);
  const started = performance.now();
  const db = ctx.config.database;
  if (db.kind === "postgres") {
    const { dumpPostgres } = await import("../db/backup-postgres.ts");
    const r = await dumpPostgres(db.url, file);
    ctx.out.write(`Backed up the PostgreSQL ${r.label} to ${file} (${size(r.bytes)}, pg_dump custom format) in ${seconds(started)}.\n`);
  } else {
    const { archivePglite } = await import("../db/backup-pglite.ts");
    const r = await archivePglite(db.dataDir, file);
    ctx.out.write(`Backed up the embedded database at ${path.resolve(db.dataDir)} to ${file} (${size(r.bytes)}, tar.gz of the folder) in ${seconds(started)}.\n`);
  }
  ctx.out.write(`To put it back: npm run admin -- restore ${file}\n`);
}

/**
 * `admin -- restore FILE [--force]`: puts a backup back into the configured database. A database that
 * holds data is refused unless --force (PostgreSQL: its objects are replaced in one transaction; the
 * embedded database: its folder is kept beside, renamed).
 */
export async function restoreCommand(ctx: AdminContext, args: string[]): Promise<void> {
  const { file, force } = fileAndForce(args, "usage: npm run admin -- restore FILE [--force]");
  const started = performance.now();
  const db = ctx.config.database;
  if (db.kind === "postgres") {
    const { restorePostgres } = await import("../db/backup-postgres.ts");
    const r = await restorePostgres(db.url, file, { force });
    ctx.out.write(
      `Restored ${file} into the PostgreSQL ${r.label} in ${seconds(started)}: ${r.tables} tables, latest migration ${r.latestMigration ?? "(none)"}.\n` +
        (r.pendingMigrations.length
          ? `${r.pendingMigrations.length} newer migration(s) will be applied when the service (or any admin command) next opens it: ${r.pendingMigrations.join(", ")}.\n`
          : ""),
    );
  } else {
    const { restorePglite } = await import("../db/backup-pglite.ts");
    const r = await restorePglite(db.dataDir, file, { force });
    ctx.out.write(
      `Restored ${file} into the embedded database at ${path.resolve(db.dataDir)} in ${seconds(started)}.\n` +
        (r.keptAt ? `The database that was there is kept at ${r.keptAt}: delete it once the restored one is checked.\n` : ""),
    );
  }
  ctx.out.write("Start the service: it carries on from the backup (pending reminders included).\n");
}
