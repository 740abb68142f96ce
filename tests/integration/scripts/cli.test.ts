import { execFile } from "node:child_process";
import { PGlite } from "@electric-sql/pglite";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freshDatabase, migratedDatabase } from "../../support/postgres.ts";

const tsx = (script: string, args: string[], env: Record<string, string | undefined>, input?: string) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(process.execPath, ["--import", "tsx", script, ...args], { env: { ...process.env, ...env }, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input ?? "");
  });

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe("npm run admin -- import", () => {
  it("imports a programme file idempotently and explains a bad file in one line", { timeout: 180_000 }, async () => {
    const db = await migratedDatabase("cli");
    cleanups.push(db.drop);
    const env = { DATABASE_URL: db.url };
    const first = await tsx("scripts/admin.ts", ["import", "tests/fixtures/programme.json"], env);
    expect(first.stderr).toBe("");
    expect(first.stdout).toContain("sessions: 2 created, 0 updated, 0 unchanged");
    const again = await tsx("scripts/admin.ts", ["import", "tests/fixtures/programme.json"], env);
    expect(first.stdout).toMatch(/reminders: [1-9]\d* planned or moved, 0 cancelled/);
    expect(again.stdout).toContain("sessions: 0 created, 0 updated, 2 unchanged");
    // Nothing changed, so nothing is planned again (the cohort's end is armed already).
    expect(again.stdout).toContain("reminders: 0 planned or moved, 0 cancelled");
    const missing = await tsx("scripts/admin.ts", ["import", "nope.json"], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^cannot read nope.json/);
    const usage = await tsx("scripts/admin.ts", [], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("import FILE.json");
    const failures = await tsx("scripts/admin.ts", ["failures"], env);
    expect(failures.stdout).toMatch(/^No failed messages since/);
  });
});

describe("npm run admin -- whatsapp:templates", () => {
  it("prints every template in every WhatsApp language, and submits them to the business account", async () => {
    const printed = await tsx("scripts/admin.ts", ["whatsapp:templates"], {});
    expect(printed.code).toBe(0);
    const templates = printed.stdout.trim().split("\n").map((l) => JSON.parse(l) as { name: string; language: string });
    expect(new Set(templates.map((t) => t.name))).toEqual(
      new Set(["migracoop_reminder_v1", "migracoop_announcement_v1", "migracoop_check_in_v1", "migracoop_roadmap_ready_v1", "migracoop_application_decision_v1"]),
    );
    expect(new Set(templates.map((t) => t.language)).size).toBe(10);

    const received: { path: string; auth?: string; body: { name: string } }[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push({ path: req.url ?? "", auth: req.headers.authorization, body: JSON.parse(body) });
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ id: String(received.length), status: "PENDING", category: "UTILITY" }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const port = (server.address() as AddressInfo).port;
    const submitted = await tsx("scripts/admin.ts", ["whatsapp:templates", "--submit"], {
      WHATSAPP_ACCESS_TOKEN: "EAAtest",
      WHATSAPP_PHONE_NUMBER_ID: "1065",
      WHATSAPP_APP_SECRET: "s",
      WHATSAPP_VERIFY_TOKEN: "v",
      WHATSAPP_BUSINESS_ACCOUNT_ID: "777",
      WHATSAPP_API_BASE_URL: `http://127.0.0.1:${port}`,
    });
    expect(submitted.stderr).toBe("");
    expect(received).toHaveLength(templates.length);
    expect(received[0]!.path).toMatch(/^\/v\d+\.\d+\/777\/message_templates$/);
    expect(received[0]!.auth).toBe("Bearer EAAtest");
    expect(submitted.stdout).toContain("migracoop_reminder_v1 fr: submitted");
  });
});

describe("npm run db:migrate", () => {
  it("applies the migrations once, then reports the database up to date", async () => {
    const db = await freshDatabase("mig");
    cleanups.push(db.drop);
    const first = await tsx("scripts/migrate.ts", ["deploy"], { DATABASE_URL: db.url });
    expect(first.stdout).toMatch(/Applied migration \d+_init/);
    const second = await tsx("scripts/migrate.ts", ["deploy"], { DATABASE_URL: db.url });
    expect(second.stdout).toContain("Database is up to date");
  });
});

describe("npm run demo", () => {
  it("chats through piped input on the embedded database and exits at end of input", async () => {
    const dir = mkdtempSync(join(tmpdir(), "demo-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const { code, stdout } = await tsx("scripts/demo.ts", [], { DATA_DIR: dir, DATABASE_URL: "" }, "bonjour\n9\nmenu\n");
    expect(code).toBe(0);
    expect(stdout).toContain("👤 bonjour");
    expect(stdout).toContain("1. Français");
    expect(stdout).toContain("11. বাংলা");
    expect(stdout).toContain("Русский");
    // After choosing Russian (9), the menu comes in Russian.
    const afterChoice = stdout.slice(stdout.indexOf("👤 9"));
    expect(afterChoice).toMatch(/[А-Яа-я]{4,}/);
    // The demo programme was loaded into the embedded database through the import code.
    const pglite = await PGlite.create(join(dir, "pglite"));
    const sessions = await pglite.query<{ title: string }>(`SELECT s.title FROM "TrainingSession" s JOIN "Cohort" c ON c.id = s."cohortId" WHERE c.name = 'Coopérative Cuisine'`);
    expect(sessions.rows).toHaveLength(3);
    const coordinators = await pglite.query(`SELECT 1 FROM "Person" WHERE role = 'coordinator'`);
    expect(coordinators.rows).toHaveLength(1);
    await pglite.close();
  });
});
