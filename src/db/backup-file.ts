import { open } from "node:fs/promises";
import { AppError } from "../core/errors.ts";

/**
 * What a backup file holds, from its first bytes: restoring the wrong kind must be refused with a
 * sentence, not with a tool's cryptic error halfway through.
 * - `pg_dump`: a PostgreSQL backup (pg_dump's custom format starts with "PGDMP");
 * - `tar.gz`: an embedded database's folder (gzip starts with 1f 8b);
 * - `unknown`: anything else.
 */
export type BackupKind = "pg_dump" | "tar.gz" | "unknown";

export async function backupKind(file: string): Promise<BackupKind> {
  const handle = await open(file, "r").catch((err: NodeJS.ErrnoException) => {
    throw new AppError("restore.no_file", `cannot read ${file}: ${err.code === "ENOENT" ? "no such file" : err.message}`, { file });
  });
  try {
    const head = Buffer.alloc(5);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (bytesRead === 5 && head.toString("latin1") === "PGDMP") return "pg_dump";
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "tar.gz";
    return "unknown";
  } finally {
    await handle.close();
  }
}

/** The sentence for a backup of the wrong kind for the configured database. */
export function wrongKind(file: string, kind: BackupKind, expected: "pg_dump" | "tar.gz"): AppError {
  const what =
    kind === "tar.gz"
      ? `${file} is a backup of an embedded database (tar.gz), and DATABASE_URL points at PostgreSQL: unset DATABASE_URL to restore it as the embedded database`
      : kind === "pg_dump"
        ? `${file} is a PostgreSQL backup (pg_dump), and no DATABASE_URL is set: set DATABASE_URL to the PostgreSQL database to restore it into`
        : `${file} is not a backup made by "npm run admin -- backup" (${expected === "pg_dump" ? "pg_dump custom format" : "tar.gz of the embedded database's folder"})`;
  return new AppError("restore.wrong_format", what, { file, kind, expected });
}
