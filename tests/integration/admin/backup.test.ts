import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { backupCommand, restoreCommand } from "../../../src/admin/backup.ts";
import { openAdminDatabase, type AdminContext } from "../../../src/admin/context.ts";
import { ingest } from "../../../src/app/inbound/ingest.ts";
import { loadConfig } from "../../../src/config/config.ts";
import { libpqTarget } from "../../../src/db/backup-postgres.ts";
import type { InboundMessage } from "../../../src/core/inbound.ts";
import type { PrismaClient } from "../../../src/db/generated/client.ts";
import { importProgramme } from "../../../src/programme/import.ts";
import { handleFire } from "../../../src/reminders/fire.ts";
import { syncCohortReminders } from "../../../src/reminders/schedule.ts";
import { migratedDatabase } from "../../support/postgres.ts";
import { REDIS_URL } from "../../support/redis.ts";
import { eventually, startTestService } from "../../support/service.ts";
import { firesOf, morningIn, personId, programme, reminderEnv } from "../reminders/support.ts";

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "backup-test-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** What `npm run admin` gives a command, for the database of `env`; `printed()` is what it wrote. */
function adminContext(env: Record<string, string>): AdminContext & { printed(): string } {
  const config = loadConfig({ REDIS_URL, LOG_LEVEL: "silent", ...env });
  const out = new PassThrough();
  let printed = "";
  out.on("data", (chunk: Buffer) => (printed += chunk.toString("utf8")));
  return { config, db: () => openAdminDatabase(config), out, err: out, cwd: process.cwd(), printed: () => printed };
}

/** The cohort: one session in five days, reminded a day before, one member and one coordinator on the console. */
function springProgramme() {
  const [cohort] = programme({ key: "printemps", offsets: ["-P1D"], sessions: [{ key: "prix", title: "Fixer ses prix", startsAt: morningIn(5) }], members: [{ externalId: "awa", name: "Awa", locale: "fr" }] }).cohorts;
  return { cohorts: [{ ...cohort!, coordinators: [{ channel: "console", externalId: "amina", name: "Amina" }] }] };
}

/** What the restored service must still know: the sale, the relay thread, the pending reminder. */
async function snapshot(prisma: PrismaClient) {
  const awa = await personId(prisma, "awa");
  return {
    sales: (await prisma.transaction.findMany({ where: { personId: awa } })).map((t) => ({ kind: t.kind, amountCents: t.amountCents, item: t.item })),
    threads: (await prisma.relayThread.findMany({ where: { personId: awa }, include: { messages: true } })).map((t) => ({ id: t.id, messages: t.messages.length })),
    fires: (await firesOf(prisma, { personId: awa })).map((f) => ({ id: f.id, status: f.status, dueAt: f.dueAt.toISOString() })),
  };
}

describe("what pg_dump and pg_restore are given", () => {
  it("keeps the password off the command line and drops what libpq would refuse", () => {
    expect(libpqTarget("postgresql://app:s%C3%A9cret@db.internal:5433/migracoop?schema=public&sslmode=no-verify")).toEqual({
      dbname: "postgresql://app@db.internal:5433/migracoop?sslmode=require",
      env: { PGPASSWORD: "sécret" },
      label: 'database "migracoop" on db.internal:5433',
    });
    expect(libpqTarget("postgresql://root@localhost/test?host=/var/run/postgresql")).toEqual({
      dbname: "postgresql://root@localhost/test?host=%2Fvar%2Frun%2Fpostgresql",
      env: {},
      label: 'database "test" on /var/run/postgresql',
    });
  });
});

describe("admin backup and restore, PostgreSQL", () => {
  it("restores into a fresh database where the service carries on: the sale, the thread, and the reminder, sent once", { timeout: 120_000 }, async () => {
    // The real app on a database of its own: migrations, programme, reminders planned, then two conversations.
    const source = await migratedDatabase("bk_src");
    cleanups.push(() => source.drop());
    const svc = await startTestService({ env: { DATABASE_URL: source.url } });
    let stopped = false;
    cleanups.push(async () => stopped || svc.stop());
    const prisma = svc.service.deps.prisma;
    const imported = await importProgramme(prisma, springProgramme());
    await syncCohortReminders(prisma, imported.cohortIds, new Date());
    let seq = 0;
    const say = async (text: string) => {
      const id = `bk-${++seq}`;
      const message: InboundMessage = { channel: "console", externalId: "awa", platformMessageId: id, sentAt: new Date(Date.now() + seq), kind: "text", text };
      await ingest(svc.service.deps, { messages: [message] });
      await eventually(async () => (await prisma.inboundMessage.findFirst({ where: { platformMessageId: id } }))?.status === "processed");
    };
    await say("vendu 3 plats à 12€");
    await say("1"); // confirms the sale
    await say("je veux parler à quelqu'un");
    const before = await snapshot(prisma);
    expect(before.sales).toEqual([{ kind: "sale", amountCents: 3600, item: "plats" }]);
    expect(before.threads).toHaveLength(1);
    expect(before.fires).toEqual([expect.objectContaining({ status: "pending" })]);
    await svc.stop();
    stopped = true;

    const file = path.join(await tempDir(), "migracoop.dump");
    const backup = adminContext({ DATABASE_URL: source.url });
    await backupCommand(backup, [file]);
    expect(backup.printed()).toMatch(/^Backed up the PostgreSQL database "bk_src_\w+" on 127\.0\.0\.1:5432 to .*migracoop\.dump \(\d+ kB, pg_dump custom format\)/);
    await expect(backupCommand(adminContext({ DATABASE_URL: source.url }), [file])).rejects.toThrow(/already exists/);

    // A database holding data, or still in use, is not overwritten without --force.
    await expect(restoreCommand(adminContext({ DATABASE_URL: source.url }), [file])).rejects.toMatchObject({ code: "restore.not_empty" });
    const stillOpen = new pg.Client({ connectionString: source.url });
    await stillOpen.connect();
    await expect(restoreCommand(adminContext({ DATABASE_URL: source.url }), [file])).rejects.toMatchObject({ code: "restore.database_in_use" });
    await stillOpen.end();

    // Restored into a fresh database, the app opened on it finds everything and carries on.
    let restoreOutput = "";
    const env = await reminderEnv({
      fill: async (url) => {
        const restore = adminContext({ DATABASE_URL: url });
        await restoreCommand(restore, [file]);
        restoreOutput = restore.printed();
      },
    });
    cleanups.push(() => env.close());
    expect(restoreOutput).toMatch(/^Restored .*migracoop\.dump into the PostgreSQL database "rem_\w+" on 127\.0\.0\.1:5432 in [\d.]+ s: \d+ tables, latest migration \d{14}_\w+\.\n/);
    expect(restoreOutput).not.toContain("newer migration"); // the backup is of this code's schema
    expect(await snapshot(env.prisma)).toEqual(before);

    const fire = before.fires[0]!;
    env.clock.now = new Date(fire.dueAt);
    const results = [await handleFire(env.deps, fire.id), await handleFire(env.deps, fire.id)];
    expect(results.map((r) => r.outcome)).toEqual(["sent", "skipped"]);
    const sent = await env.prisma.outboundMessage.findMany({ where: { idempotencyKey: `fire:${fire.id}` } });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ externalId: "awa", purpose: "reminder" });
    expect(JSON.stringify(sent[0]!.intent)).toContain("Fixer ses prix");
    expect(new Set(env.dispatched.flatMap((d) => d.ids))).toEqual(new Set([sent[0]!.id]));

    // --force replaces a database holding data, in one transaction.
    const forced = adminContext({ DATABASE_URL: source.url });
    await restoreCommand(forced, [file, "--force"]);
    expect(forced.printed()).toMatch(/^Restored /);
  });
});

const run = (args: string[], env: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    // The launcher `npm run admin` runs (the bundled commands), as an operator would.
    execFile(process.execPath, ["--liftoff-only", "scripts/admin-launch.mjs", ...args], { env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

describe("admin backup and restore, embedded database", () => {
  it("copies the data folder as a tar.gz, refuses while it is open, and restores it into another folder", { timeout: 120_000 }, async () => {
    const home = await tempDir();
    const dataDir = path.join(home, "data");
    await mkdir(path.join(dataDir, "pglite"), { recursive: true });
    const pglite = await PGlite.create(path.join(dataDir, "pglite"));
    let open = true;
    cleanups.push(async () => open && pglite.close());
    await pglite.exec(`CREATE TABLE "Note" (id int, text text); INSERT INTO "Note" VALUES (1, 'Fixer ses prix: jeudi 9 h 30');`);
    const file = path.join(home, "embedded.tar.gz");

    const refused = await run(["backup", file], { DATA_DIR: dataDir, DATABASE_URL: "" });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("is open (postmaster.pid is there): stop the service");
    expect(existsSync(file)).toBe(false);

    await pglite.close();
    open = false;
    const done = await run(["backup", file], { DATA_DIR: dataDir, DATABASE_URL: "" });
    expect(done.stderr).toBe("");
    expect(done.stdout).toMatch(/^Backed up the embedded database at .*\/data\/pglite to .*embedded\.tar\.gz \(\d+(\.\d)? [kM]B, tar\.gz of the folder\)/);

    const elsewhere = path.join(home, "restored");
    const restore = adminContext({ DATA_DIR: elsewhere });
    await restoreCommand(restore, [file]);
    expect(restore.printed()).toMatch(/^Restored .*embedded\.tar\.gz into the embedded database at .*\/restored\/pglite in/);
    const copy = await PGlite.create(path.join(elsewhere, "pglite"));
    try {
      expect((await copy.query(`SELECT text FROM "Note"`)).rows).toEqual([{ text: "Fixer ses prix: jeudi 9 h 30" }]);
    } finally {
      await copy.close();
    }

    // A second restore over it needs --force, and keeps the folder it replaces.
    await expect(restoreCommand(adminContext({ DATA_DIR: elsewhere }), [file])).rejects.toMatchObject({ code: "restore.not_empty" });
    const forced = adminContext({ DATA_DIR: elsewhere });
    await restoreCommand(forced, [file, "--force"]);
    const kept = /kept at (\S+):/.exec(forced.printed())?.[1];
    expect(kept && existsSync(path.join(kept, "PG_VERSION"))).toBe(true);

    // An embedded database's backup is not fed to pg_restore.
    await expect(restoreCommand(adminContext({ DATABASE_URL: "postgresql://root@127.0.0.1:5432/none" }), [file])).rejects.toMatchObject({ code: "restore.wrong_format" });
  });
});
