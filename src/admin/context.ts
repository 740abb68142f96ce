import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Writable } from "node:stream";
import type { ZodError } from "zod";
import type { Config } from "../config/config.ts";
import type { Database } from "../db/database.ts";

/** What an admin command gets: the configuration, the database (opened on first use), and where to write. */
export interface AdminContext {
  config: Config;
  /** The database, migrated; opened only by the commands that need it. */
  db(): Promise<Database>;
  out: Writable;
  err: Writable;
  /** The operator's working folder: relative paths in the arguments are read from it (the command may run in the service). */
  cwd: string;
}

/**
 * Opens the configured database and applies the migrations still pending (the schema engine is started
 * only when there are some). Loaded on first use: commands that need no database (whatsapp:templates,
 * backup) skip the Prisma client and the drivers, hundreds of milliseconds per run.
 */
export async function openAdminDatabase(config: Config): Promise<Database> {
  const [{ openDatabase }, { migrateOpenDatabase }] = await Promise.all([import("../db/database.ts"), import("../db/migrate-open.ts")]);
  const db = await openDatabase(config.database);
  try {
    await migrateOpenDatabase(db, config.database);
  } catch (err) {
    await db.close(); // a failed migration must not leave an on-disk PGlite holding the process open
    throw err;
  }
  return db;
}

/** A usage error: printed as one line with the command's usage, exit code 2. */
export class UsageError extends Error {}

/**
 * The date of `--since DATE` in `args`, or `fallback` without the option; a missing or unreadable date
 * is an error (exit code 1). `parse` turns the text into a date: `new Date(text)` unless told otherwise.
 * @example sinceOption(["--since", "2026-11-01"], new Date(0)) // 2026-11-01T00:00:00Z
 */
export function sinceOption(args: string[], fallback: Date, parse: (text: string) => Date = (text) => new Date(text)): Date {
  const i = args.indexOf("--since");
  const since = i >= 0 ? parse(args[i + 1] ?? "") : fallback;
  if (Number.isNaN(since.getTime())) throw new Error("--since expects a date like 2026-11-01");
  return since;
}

/** Reads the JSON file an admin command takes; a missing or broken file is a usage error naming it. */
export async function readJsonFile(ctx: Pick<AdminContext, "cwd">, file: string | undefined, usage: string): Promise<{ file: string; json: unknown }> {
  if (!file) throw new UsageError(usage);
  try {
    return { file, json: JSON.parse(await readFile(path.resolve(ctx.cwd, file), "utf8")) };
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
}

/**
 * The usage error for a JSON file that does not match its schema, with every problem found.
 * @example invalidFile("spring.json", "programme", err) // "spring.json is not a valid programme: cohorts.0.key: Invalid input: …"
 */
export function invalidFile(file: string, what: string, err: ZodError): UsageError {
  return new UsageError(`${file} is not a valid ${what}: ${err.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
}
