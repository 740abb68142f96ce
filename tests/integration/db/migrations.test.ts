import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../../../src/db/generated/client.ts";
import { freshDatabase } from "../../support/postgres.ts";
import { createMigration, DEFAULT_MIGRATIONS_DIR, deployMigrations, pendingMigrations } from "../../../src/db/migrations.ts";

const SLOW = 60_000; // opening a PGlite takes seconds

const committed = (await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true }))
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const BROKEN = "99990101000000_broken";
/** Creates a table, then fails: the table must not survive. */
const BROKEN_SQL = `CREATE TABLE "BrokenLeftover" ("id" INTEGER);\nINSERT INTO "NoSuchTable" ("x") VALUES (1);\n`;

const temps: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "mig-test-"));
  temps.push(dir);
  return dir;
}

/** The real migrations plus one that fails after creating a table. */
async function brokenMigrationsDir(sql = BROKEN_SQL): Promise<string> {
  const dir = await tempDir();
  await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  await mkdir(path.join(dir, BROKEN));
  await writeFile(path.join(dir, BROKEN, "migration.sql"), sql);
  return dir;
}

/** Each PostgreSQL test gets its own database, dropped afterwards. */
/** An empty database of its own, dropped once its connections are closed (never by force: see freshDatabase). */
async function withFreshDatabase(fn: (url: string, pool: pg.Pool) => Promise<void>): Promise<void> {
  const db = await freshDatabase("mig");
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  try {
    await fn(db.url, pool);
  } finally {
    await pool.end();
    await db.drop();
  }
}

type Query = (sql: string) => Promise<Record<string, unknown>[]>;

const tableExists = async (q: Query, table: string) =>
  (await q(`SELECT to_regclass('public."${table}"') IS NOT NULL AS present`))[0]?.present === true;

async function expectInitRecorded(q: Query): Promise<void> {
  const rows = await q(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`);
  expect(rows.map((r) => r.migration_name)).toEqual(committed);
  for (const row of rows) {
    const sql = await readFile(path.join(DEFAULT_MIGRATIONS_DIR, String(row.migration_name), "migration.sql"));
    // Prisma's checksum: SHA-256 of the file, hex. `prisma migrate deploy` compares exactly this.
    expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
    expect(row.finished_at).not.toBeNull();
  }
}

async function expectBrokenRolledBack(q: Query, error: unknown): Promise<void> {
  expect(error).toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect(message).toContain(BROKEN);
  expect(message).toContain('relation "NoSuchTable" does not exist');
  expect(message).toContain("42P01");
  expect(message).toContain("line 2");
  expect(await tableExists(q, "BrokenLeftover")).toBe(false);
  expect(await tableExists(q, "Person")).toBe(true);
  const [row] = await q(`SELECT finished_at, rolled_back_at FROM "_prisma_migrations" WHERE migration_name = '${BROKEN}'`);
  expect(row?.finished_at).toBeNull();
  expect(row?.rolled_back_at).not.toBeNull(); // marked rolled back, so a fixed file can be deployed
}

async function expectPrismaRoundTrip(prisma: PrismaClient): Promise<void> {
  try {
    const created = await prisma.person.create({ data: { firstName: "Amina", locale: "ar" } });
    const found = await prisma.person.findUniqueOrThrow({ where: { id: created.id } });
    expect(found).toMatchObject({ firstName: "Amina", locale: "ar", role: "participant", stage: "newcomer" });
  } finally {
    await prisma.$disconnect();
  }
}

afterAll(async () => {
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
});

describe("deployMigrations on PostgreSQL", () => {
  it("creates the tables on an empty database and records the migrations like Prisma", async () => {
    await withFreshDatabase(async (url, pool) => {
      const q: Query = async (sql) => (await pool.query(sql)).rows;
      expect(await deployMigrations({ kind: "postgres", url })).toEqual({ applied: committed });
      expect(await tableExists(q, "Person")).toBe(true);
      await expectInitRecorded(q);
    });
  }, SLOW);

  it("tells what is pending without the engine: everything on a new database, nothing once deployed, a changed file again", async () => {
    await withFreshDatabase(async (url, pool) => {
      const q = async (sql: string) => (await pool.query(sql)).rows as Array<{ migration_name: string; checksum: string }>;
      expect(await pendingMigrations(q)).toEqual(committed);
      await deployMigrations({ kind: "postgres", url });
      expect(await pendingMigrations(q)).toEqual([]);
      await pool.query(`UPDATE "_prisma_migrations" SET "checksum" = 'edited' WHERE "migration_name" = $1`, [committed[0]]);
      expect(await pendingMigrations(q)).toEqual([committed[0]]);
    });
  }, SLOW);

  it("applies nothing the second time", async () => {
    await withFreshDatabase(async (url) => {
      await deployMigrations({ kind: "postgres", url });
      expect(await deployMigrations({ kind: "postgres", url })).toEqual({ applied: [] });
    });
  }, SLOW);

  it("rolls a failing migration back entirely and reports the database's error", async () => {
    await withFreshDatabase(async (url, pool) => {
      const q: Query = async (sql) => (await pool.query(sql)).rows;
      const dir = await brokenMigrationsDir();
      const error = await deployMigrations({ kind: "postgres", url }, { migrationsDir: dir }).catch((e: unknown) => e);
      await expectBrokenRolledBack(q, error);

      await writeFile(path.join(dir, BROKEN, "migration.sql"), `CREATE TABLE "BrokenLeftover" ("id" INTEGER);\n`);
      expect(await deployMigrations({ kind: "postgres", url }, { migrationsDir: dir })).toEqual({ applied: [BROKEN] });
    });
  }, SLOW);

  it("gives a database the Prisma client (PrismaPg) can write and read", async () => {
    await withFreshDatabase(async (url) => {
      await deployMigrations({ kind: "postgres", url });
      await expectPrismaRoundTrip(new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) }));
    });
  }, SLOW);
});

// One in-memory PGlite for this block (opening one takes seconds): the tests run in order on it.
describe("deployMigrations on a PGlite instance", () => {
  let db: PGlite;
  const q: Query = async (sql) => (await db.query<Record<string, unknown>>(sql)).rows;
  beforeAll(async () => {
    db = await PGlite.create();
  }, SLOW);
  afterAll(async () => {
    await db?.close();
  });

  it("creates the tables on an empty database", async () => {
    expect(await deployMigrations({ kind: "pglite", pglite: db })).toEqual({ applied: committed });
    expect(await tableExists(q, "Person")).toBe(true);
    await expectInitRecorded(q);
    expect(db.closed).toBe(false); // a PGlite passed in stays open
  }, SLOW);

  it("applies nothing the second time", async () => {
    expect(await deployMigrations({ kind: "pglite", pglite: db })).toEqual({ applied: [] });
  }, SLOW);

  it("rolls a failing migration back entirely and reports the database's error", async () => {
    const dir = await brokenMigrationsDir();
    const error = await deployMigrations({ kind: "pglite", pglite: db }, { migrationsDir: dir }).catch((e: unknown) => e);
    await expectBrokenRolledBack(q, error);
  }, SLOW);

  it("gives a database the Prisma client (PrismaPGlite) can write and read", async () => {
    await expectPrismaRoundTrip(new PrismaClient({ adapter: new PrismaPGlite(db) }));
  }, SLOW);
});

describe("deployMigrations on a PGlite data directory", () => {
  it("opens, migrates and closes the database", async () => {
    const dataDir = path.join(await tempDir(), "pglite");
    expect(await deployMigrations({ kind: "pglite", dataDir })).toEqual({ applied: committed });
    expect(await deployMigrations({ kind: "pglite", dataDir })).toEqual({ applied: [] });
  }, SLOW);
});

describe("createMigration", () => {
  it("finds prisma/schema.prisma in sync with the committed migrations", async () => {
    const dir = await tempDir();
    await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    expect(await createMigration("nothing", { migrationsDir: dir })).toBeNull();
    expect((await readdir(dir)).sort()).toEqual([...committed, "migration_lock.toml"].sort());
  }, SLOW);

  it("writes the initial migration and lock file in Prisma's format", async () => {
    const dir = await tempDir();
    const folder = await createMigration("Init", { migrationsDir: dir });
    expect(folder).not.toBeNull();
    expect(path.basename(folder!)).toMatch(/^\d{14}_init$/);
    const written = await readFile(path.join(folder!, "migration.sql"), "utf8");
    expect(written).toMatch(/^-- CreateEnum\nCREATE TYPE "Channel"/); // what `migrate dev` writes: no CREATE SCHEMA
    expect(written).toContain('CREATE TABLE "Person"');
    expect(await readFile(path.join(dir, "migration_lock.toml"), "utf8")).toBe(
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
  }, SLOW);
});
