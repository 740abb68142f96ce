import { readFile } from "node:fs/promises";
import type { Writable } from "node:stream";
import type { Config } from "../config/config.ts";
import { openDatabase, type Database } from "../db/database.ts";
import { migrateOpenDatabase } from "../db/migrations.ts";

/** What an admin command gets: the configuration, the database (opened on first use), and where to write. */
export interface AdminContext {
  config: Config;
  /** The database, migrated; opened only by the commands that need it. */
  db(): Promise<Database>;
  out: Writable;
  err: Writable;
}

export async function openAdminDatabase(config: Config): Promise<Database> {
  const db = await openDatabase(config.database);
  await migrateOpenDatabase(db, config.database);
  return db;
}

/** A usage error: printed as one line with the command's usage, exit code 2. */
export class UsageError extends Error {}

/** Reads the JSON file an admin command takes; a missing or broken file is a usage error naming it. */
export async function readJsonFile(file: string | undefined, usage: string): Promise<{ file: string; json: unknown }> {
  if (!file) throw new UsageError(usage);
  try {
    return { file, json: JSON.parse(await readFile(file, "utf8")) };
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
}
