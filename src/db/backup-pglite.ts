/**
 * Backups of the embedded database (PGlite): its data folder, as a tar.gz made by the system's `tar`.
 * A folder copy is only consistent when nothing has the database open, so both directions refuse
 * while PGlite's `postmaster.pid` is in the folder: PGlite writes it on opening and removes it on
 * closing (it holds no real process id, so whether its owner still runs cannot be checked).
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../core/errors.ts";
import { backupKind, wrongKind } from "./backup-file.ts";
import { runTool } from "./run-tool.ts";

/** Present while a process has the embedded database open (or after one died with it open). */
const OPEN_MARK = "postmaster.pid";
/** Every PostgreSQL data folder has it: how an archive's database folder is recognised. */
const DATA_MARK = "PG_VERSION";

function refuseIfOpen(dataDir: string): void {
  if (existsSync(path.join(dataDir, OPEN_MARK))) {
    throw new AppError(
      "backup.database_open",
      `The embedded database at ${dataDir} is open (${OPEN_MARK} is there): stop the service (and any admin command) first. ` +
        `If nothing runs, a process stopped without closing it: run "npm run admin -- failures" once (it opens and closes the database cleanly), then try again.`,
      { dataDir },
    );
  }
}

/** Archives the data folder into `file` (tar.gz, through a temporary name: never half a file). */
export async function archivePglite(dataDir: string, file: string): Promise<{ bytes: number }> {
  const dir = path.resolve(dataDir);
  if (!existsSync(path.join(dir, DATA_MARK))) {
    throw new AppError("backup.no_database", `There is no embedded database at ${dir} (no ${DATA_MARK}): is DATA_DIR the service's?`, { dataDir: dir });
  }
  refuseIfOpen(dir);
  const partial = `${file}.partial`;
  try {
    await runTool("tar", ["-czf", partial, "-C", path.dirname(dir), path.basename(dir)], "backup.archive_failed");
    // Opened while the archive was being made: the copy may be torn.
    refuseIfOpen(dir);
    await rename(partial, file);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  return { bytes: (await stat(file)).size };
}

/**
 * Puts an archive's folder in place of `dataDir`. The archive is unpacked beside it first, so a failure
 * leaves the current folder untouched; an existing database is refused unless `force`, and then kept,
 * renamed `<dataDir>.before-restore-<time>`, rather than deleted.
 */
export async function restorePglite(dataDir: string, file: string, opts: { force: boolean; now?: Date }): Promise<{ keptAt: string | null }> {
  const dir = path.resolve(dataDir);
  const kind = await backupKind(file);
  if (kind !== "tar.gz") throw wrongKind(file, kind, "tar.gz");
  refuseIfOpen(dir);
  const holding = existsSync(dir) && (await readdir(dir)).length > 0;
  if (holding && !opts.force) {
    throw new AppError(
      "restore.not_empty",
      `There is already a database at ${dir}. Restoring would replace it: stop the service and run again with --force (the current folder is kept beside it, renamed).`,
      { dataDir: dir },
    );
  }
  await mkdir(path.dirname(dir), { recursive: true });
  const unpacked = await mkdtemp(path.join(path.dirname(dir), `.${path.basename(dir)}-restore-`));
  try {
    await runTool("tar", ["-xzf", path.resolve(file), "-C", unpacked], "restore.unpack_failed");
    const folder = await databaseFolderIn(unpacked, file);
    await rm(path.join(folder, OPEN_MARK), { force: true }); // an archive of an open folder: not ours, but harmless once unpacked
    let keptAt: string | null = null;
    if (existsSync(dir)) {
      keptAt = holding ? `${dir}.before-restore-${(opts.now ?? new Date()).toISOString().replace(/\D/g, "").slice(0, 14)}` : null;
      if (keptAt) await rename(dir, keptAt);
      else await rm(dir, { recursive: true });
    }
    await rename(folder, dir);
    return { keptAt };
  } finally {
    await rm(unpacked, { recursive: true, force: true });
  }
}

/** The database folder inside an unpacked archive: the archive's top folder, whatever its name. */
async function databaseFolderIn(unpacked: string, file: string): Promise<string> {
  if (existsSync(path.join(unpacked, DATA_MARK))) return unpacked;
  for (const entry of await readdir(unpacked, { withFileTypes: true })) {
    if (entry.isDirectory() && existsSync(path.join(unpacked, entry.name, DATA_MARK))) return path.join(unpacked, entry.name);
  }
  throw new AppError("restore.wrong_format", `${file} holds no embedded database folder (no ${DATA_MARK} inside)`, { file });
}
