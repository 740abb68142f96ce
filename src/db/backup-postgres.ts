/**
 * Backups of a PostgreSQL database with PostgreSQL's own tools: `pg_dump --format=custom` and
 * `pg_restore`. They must be of the server's major version or newer (pg_dump refuses an older one).
 */
import { rename, rm, stat } from "node:fs/promises";
import pg from "pg";
import { AppError } from "../core/errors.ts";
import { backupKind, wrongKind } from "./backup-file.ts";
import { pendingMigrations } from "./pending-migrations.ts";
import { runTool } from "./run-tool.ts";

/** Parameters the app's URL may carry for Prisma or node-postgres that libpq (pg_dump) refuses. */
const NOT_LIBPQ = ["schema", "connection_limit", "pool_timeout", "pgbouncer", "statement_cache_size", "socket_timeout", "sslaccept", "sslidentity", "max"];

/**
 * What pg_dump and pg_restore are given for DATABASE_URL: the URL without its password, which goes in
 * PGPASSWORD instead (a command line is visible to every user of the machine through `ps`).
 * @example libpqTarget("postgresql://app:s3cret@db:5432/migracoop?schema=public")
 * // { dbname: "postgresql://app@db:5432/migracoop", env: { PGPASSWORD: "s3cret" }, label: 'database "migracoop" on db:5432' }
 */
export function libpqTarget(url: string): { dbname: string; env: Record<string, string>; label: string } {
  const u = new URL(url);
  const env: Record<string, string> = {};
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = "";
  for (const name of NOT_LIBPQ) u.searchParams.delete(name);
  if (u.searchParams.get("sslmode") === "no-verify") u.searchParams.set("sslmode", "require"); // node-postgres' spelling
  const name = decodeURIComponent(u.pathname.replace(/^\//, "")) || "(default)";
  const host = u.searchParams.get("host") ?? (u.host || "localhost");
  return { dbname: u.toString(), env, label: `database "${name}" on ${host}` };
}

/** Writes a pg_dump custom-format archive of the whole database to `file` (through a temporary name: never half a file). */
export async function dumpPostgres(url: string, file: string): Promise<{ label: string; bytes: number }> {
  const target = libpqTarget(url);
  const partial = `${file}.partial`;
  try {
    await runTool("pg_dump", ["--format=custom", `--file=${partial}`, `--dbname=${target.dbname}`], "backup.dump_failed", target.env);
    await rename(partial, file);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  return { label: target.label, bytes: (await stat(file)).size };
}

/**
 * Restores a pg_dump archive into the database, in one transaction (all or nothing): objects of the
 * same names are dropped first (`--clean --if-exists`), ownership and grants are left to the role
 * connecting (`--no-owner --no-privileges`), so a backup restores on another server with other roles.
 * A database holding data, or with other connections open (the service running), is refused unless `force`.
 */
export async function restorePostgres(
  url: string,
  file: string,
  opts: { force: boolean },
): Promise<{ label: string; tables: number; latestMigration: string | null; pendingMigrations: string[] }> {
  const kind = await backupKind(file);
  if (kind !== "pg_dump") throw wrongKind(file, kind, "pg_dump");
  const target = libpqTarget(url);
  const { holding, otherConnections } = await inspect(url);
  if (otherConnections > 0 && !opts.force) {
    throw new AppError(
      "restore.database_in_use",
      `The ${target.label} has ${otherConnections} other open connection(s): stop the service (and any admin command) first, or add --force if they are not the service's.`,
      { otherConnections },
    );
  }
  if (holding.length > 0 && !opts.force) {
    throw new AppError(
      "restore.not_empty",
      `The ${target.label} holds data (${holding.length} table(s) with rows: ${holding.slice(0, 5).join(", ")}${holding.length > 5 ? ", …" : ""}). Restoring would replace it: stop the service, take a backup of it if it matters, and run again with --force.`,
      { tables: holding },
    );
  }
  await runTool(
    "pg_restore",
    ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", `--dbname=${target.dbname}`, file],
    "restore.failed",
    target.env,
  );
  return { label: target.label, ...(await summarize(url)) };
}

/**
 * What a restore would replace: the tables (schema.table) holding at least one row (Prisma's migration
 * history does not count: a database the service only migrated is empty), and the other connections
 * to the database (a service still running would fight the restore for its tables).
 */
async function inspect(url: string): Promise<{ holding: string[]; otherConnections: number }> {
  return withClient(url, async (client) => {
    const { rows: sessions } = await client.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    const { rows } = await client.query<{ schema: string; name: string }>(
      `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
       ORDER BY 1, 2`,
    );
    const holding: string[] = [];
    for (const { schema, name } of rows) {
      if (name === "_prisma_migrations") continue;
      const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
      const { rows: found } = await client.query(`SELECT 1 FROM ${q(schema)}.${q(name)} LIMIT 1`);
      if (found.length > 0) holding.push(schema === "public" ? name : `${schema}.${name}`);
    }
    return { holding, otherConnections: sessions[0]?.count ?? 0 };
  });
}

/** What a restored database holds, as the operator needs to hear it: tables, the schema's version, what the code would still migrate. */
async function summarize(url: string): Promise<{ tables: number; latestMigration: string | null; pendingMigrations: string[] }> {
  return withClient(url, async (client) => {
    const query = async <T>(sql: string) => (await client.query(sql)).rows as T[];
    const [tables] = await query<{ count: number }>(
      `SELECT count(*)::int AS count FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    const latest = await query<{ name: string }>(
      `SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name DESC LIMIT 1`,
    ).catch(() => []);
    return { tables: tables?.count ?? 0, latestMigration: latest[0]?.name ?? null, pendingMigrations: await pendingMigrations(query) };
  });
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {}); // a connection dropped while idle: the query in hand fails, which is enough
  await client.connect().catch((err: Error) => {
    throw new AppError("restore.cannot_connect", `cannot connect to the ${libpqTarget(url).label}: ${err.message} (create the database first if it does not exist)`);
  });
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
