import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { DEFAULT_MIGRATIONS_DIR, readMigrationsList } from "../../src/db/pending-migrations.ts";

/** The machine's PostgreSQL (trust auth); overridable for other set-ups. */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/test";

/**
 * A fresh, empty database for one test file, dropped by `drop()`: tests never share tables.
 * @example const db = await freshDatabase(); … await db.drop();
 */
export async function freshDatabase(label = "t"): Promise<TestDatabase> {
  const name = `${label}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return testDatabase(name);
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** The URL of database `name` on the server of ADMIN_URL. */
function urlOf(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

function testDatabase(name: string): TestDatabase {
  return {
    url: urlOf(name),
    name,
    /**
     * Drops the database once every connection to it is closed. Not WITH (FORCE): killing a connection
     * some library still holds raises an error in that library's process. A database still in use after
     * a few seconds is left behind (a throwaway name), and the leak shows in pg_stat_activity.
     */
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      try {
        for (let attempt = 0; attempt < 25; attempt++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS "${name}"`);
            return;
          } catch {
            await new Promise((r) => setTimeout(r, 200));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

/** Names of the migrated templates: TEMPLATE_PREFIX + a hash of prisma/migrations (see templateName). */
export const TEMPLATE_PREFIX = "migracoop_tpl_";
const DAY_MS = 24 * 60 * 60 * 1000;
const IN_USE = "55006"; // object_in_use: "source database … is being accessed by other users"
const NO_DATABASE = "3D000";
const DUPLICATE_DATABASE = "42P04";

/**
 * A database holding every migration of prisma/migrations, for a test file that needs the app's tables
 * but does not test the migrations themselves: a copy (CREATE DATABASE … TEMPLATE) of the template that
 * tests/support/global-setup.ts makes once per `npm test` (made here if it is missing, as when no global
 * set-up ran). Same shape as freshDatabase, and dropped the same way.
 * @example const db = await migratedDatabase("rem"); … await db.drop();
 */
export async function migratedDatabase(label = "t"): Promise<TestDatabase> {
  const name = `${label}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      const template = await migrationsTemplate();
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return testDatabase(name);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (attempt >= 10 || (code !== IN_USE && code !== NO_DATABASE)) throw err;
        // Dropped meanwhile (as stale, by another checkout's run): made again by the next migrationsTemplate().
        if (code === NO_DATABASE) templateReady = undefined;
        await sleep(100 * attempt);
      }
    }
  } finally {
    await admin.end();
  }
}

let templateReady: Promise<string> | undefined;

/** The name of the template of the current migrations, made first if missing (once per process). */
export function migrationsTemplate(): Promise<string> {
  templateReady ??= ensureTemplate().catch((err: unknown) => {
    templateReady = undefined;
    throw err;
  });
  return templateReady;
}

/**
 * `migracoop_tpl_<12 hex>`: a hash of the folder names and migration.sql files of prisma/migrations, so
 * any change to them (a new migration, an edited one) names another template, made on the next run.
 */
export async function templateName(migrationsDir = DEFAULT_MIGRATIONS_DIR): Promise<string> {
  const { migrationDirectories } = await readMigrationsList(migrationsDir);
  const hash = createHash("sha256");
  for (const dir of migrationDirectories) hash.update(`${dir.path}\0${dir.migrationFile.content.value}\0`);
  return TEMPLATE_PREFIX + hash.digest("hex").slice(0, 12);
}

/**
 * Makes the template unless it exists: migrated under a temporary name, marked as a template that
 * accepts no connection (a copy fails while its source has one), then renamed, so a concurrent run
 * never sees a half-made template. When two runs make it at once, the second rename fails and its copy
 * is dropped.
 */
async function ensureTemplate(): Promise<string> {
  const name = await templateName();
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    if (await databaseExists(admin, name)) return name;
    const temporary = `${name}_tmp_${randomBytes(4).toString("hex")}`;
    await admin.query(`CREATE DATABASE "${temporary}"`);
    try {
      await admin.query(`COMMENT ON DATABASE "${temporary}" IS ${admin.escapeLiteral(templateComment(new Date()))}`);
      const { deployMigrations } = await import("../../src/db/migrations.ts");
      await deployMigrations({ kind: "postgres", url: urlOf(temporary) }); // ends its connections
      await retryInUse(() => admin.query(`ALTER DATABASE "${temporary}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`));
      await retryInUse(() => admin.query(`ALTER DATABASE "${temporary}" RENAME TO "${name}"`));
      return name;
    } catch (err) {
      await dropTemplate(admin, temporary).catch(() => undefined);
      if ((err as { code?: string }).code === DUPLICATE_DATABASE && (await databaseExists(admin, name))) return name;
      throw err;
    }
  } finally {
    await admin.end();
  }
}

/**
 * For the global set-up: makes the template if needed, records that it was used now, and drops the
 * templates (and temporaries left by a crash) last used more than a day ago. Returns the template's name.
 */
export async function prepareMigrationsTemplate(): Promise<{ name: string; dropped: string[] }> {
  const name = await migrationsTemplate();
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    const now = new Date();
    await admin.query(`COMMENT ON DATABASE "${name}" IS ${admin.escapeLiteral(templateComment(now))}`);
    const { rows } = await admin.query<{ datname: string; comment: string | null }>(
      `SELECT datname, shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE starts_with(datname, $1) AND datname <> $2`,
      [TEMPLATE_PREFIX, name],
    );
    const dropped: string[] = [];
    for (const { datname, comment } of rows) {
      const lastUsed = /last used (\S+)$/.exec(comment ?? "")?.[1];
      // Without our comment it is not ours to judge; in use (a run of another checkout), it is kept.
      if (!lastUsed || !(now.getTime() - Date.parse(lastUsed) > DAY_MS)) continue;
      if (await dropTemplate(admin, datname).then(() => true, () => false)) dropped.push(datname);
    }
    return { name, dropped };
  } finally {
    await admin.end();
  }
}

function templateComment(lastUsed: Date): string {
  return `migracoop test template of prisma/migrations (tests/support/postgres.ts); last used ${lastUsed.toISOString()}`;
}

async function databaseExists(admin: pg.Client, name: string): Promise<boolean> {
  return (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
}

/** A template cannot be dropped: unmarked first, and marked again if the drop fails (still in use). */
async function dropTemplate(admin: pg.Client, name: string): Promise<void> {
  await admin.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE false`);
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
  } catch (err) {
    await admin.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE true`).catch(() => undefined);
    throw err;
  }
}

/** A connection just closed may still be ending on the server: retries while the database is "in use". */
async function retryInUse<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= 10 || (err as { code?: string }).code !== IN_USE) throw err;
      await sleep(100 * attempt);
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
