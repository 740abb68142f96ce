import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_ENV, personWithRole, signIn, get } from "../../support/console.ts";
import { migratedDatabase, type TestDatabase } from "../../support/postgres.ts";
import { startTestService, type TestService } from "../../support/service.ts";
import { operatorSignature } from "../../../src/signin/operator-request.ts";

const admin = (args: string[], env: Record<string, string | undefined>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "scripts/admin.ts", ...args], { env: { ...process.env, LOG_LEVEL: "silent", ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

let db: TestDatabase;
let svc: TestService;
beforeAll(async () => {
  db = await migratedDatabase("cl");
  // The service on the same database, so the printed link can be followed.
  svc = await startTestService({ env: { ...CONSOLE_ENV, DATABASE_URL: db.url } });
  await personWithRole(svc.service.deps.prisma, "800000001", "coordinator", "Amina");
  await personWithRole(svc.service.deps.prisma, "800000002", "participant", "Olena", "uk");
});
afterAll(async () => {
  await svc?.stop();
  await db?.drop();
});

describe("npm run admin -- console:link", () => {
  it("prints a one-time link for a coordinator, which signs her in", { timeout: 60_000 }, async () => {
    const env = { ...CONSOLE_ENV, DATABASE_URL: db.url };
    const printed = await admin(["console:link", "--channel", "telegram", "--id", "800000001"], env);
    expect(printed.code).toBe(0);
    const url = printed.stdout.trim();
    expect(url).toMatch(/^https:\/\/console\.example\.org\/console\/login\/[A-Za-z0-9_-]{43}$/);
    const cookie = await signIn(svc.baseUrl, url);
    expect(await (await get(svc.baseUrl, "/console", cookie)).text()).toContain("Amina");
    expect(await svc.service.deps.prisma.auditLog.count({ where: { action: "console.link" } })).toBe(1);
  });

  it("exits non-zero, saying why, for a participant, an unknown address, a console that is off, or bad arguments", { timeout: 60_000 }, async () => {
    const env = { ...CONSOLE_ENV, DATABASE_URL: db.url };
    const participant = await admin(["console:link", "--channel", "telegram", "--id", "800000002"], env);
    expect(participant.code).toBe(1);
    expect(participant.stderr).toMatch(/participant: only coordinators and admins/);
    expect(participant.stdout).toBe("");
    const unknown = await admin(["console:link", "--channel", "whatsapp", "--id", "33600000000"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Nobody writes from whatsapp 33600000000/);
    const off = await admin(["console:link", "--channel", "telegram", "--id", "800000001"], { DATABASE_URL: db.url, PUBLIC_URL: "", CONSOLE_SECRET: "" });
    expect(off.code).toBe(1);
    expect(off.stderr).toMatch(/console is off: set PUBLIC_URL/);
    const usage = await admin(["console:link", "--channel", "signal", "--id", "1"], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage: .*console:link --channel telegram\|whatsapp --id EXTERNAL_ID/);
  });
});

describe("npm run admin -- console:link while the service holds the embedded database", () => {
  let home: string;
  let embedded: TestService;
  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), "console-link-embedded-"));
    embedded = await startTestService({ env: { ...CONSOLE_ENV, DATABASE_URL: "", DATA_DIR: home } });
    await personWithRole(embedded.service.deps.prisma, "800000011", "coordinator", "Hawa");
    await personWithRole(embedded.service.deps.prisma, "800000012", "participant", "Rahim", "fa");
  }, 120_000);
  afterAll(async () => {
    await embedded?.stop();
    await rm(home, { recursive: true, force: true });
  });
  const env = () => ({ ...CONSOLE_ENV, DATABASE_URL: "", DATA_DIR: home, PORT: new URL(embedded.baseUrl).port });

  it("gets the link from the running service (the command may not open the database), and it signs her in", { timeout: 60_000 }, async () => {
    const printed = await admin(["console:link", "--channel", "telegram", "--id", "800000011"], env());
    expect(printed.stderr).not.toContain("embedded_in_use");
    expect(printed.code).toBe(0);
    const cookie = await signIn(embedded.baseUrl, printed.stdout.trim());
    expect(await (await get(embedded.baseUrl, "/console", cookie)).text()).toContain("Hawa");
    expect(await embedded.service.deps.prisma.auditLog.count({ where: { action: "console.link", details: { path: ["via"], equals: "admin" } } })).toBe(1);
    const refused = await admin(["console:link", "--channel", "telegram", "--id", "800000012"], env());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("participant: only coordinators and admins");
  });

  it("makes no link for a request that is not signed with CONSOLE_SECRET, or signed too long ago", async () => {
    const post = (fields: Record<string, string>) =>
      fetch(`${embedded.baseUrl}/console/operator/link`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });
    const before = await embedded.service.deps.prisma.consoleLink.count();
    const at = Date.now();
    const forged = operatorSignature("another-secret-of-at-least-32-characters!", "telegram", "800000011", at);
    expect((await post({ channel: "telegram", id: "800000011", at: String(at), sig: forged })).status).toBe(404);
    expect((await post({ channel: "telegram", id: "800000011", at: String(at) })).status).toBe(404);
    const old = at - 5 * 60_000;
    expect((await post({ channel: "telegram", id: "800000011", at: String(old), sig: operatorSignature(CONSOLE_ENV.CONSOLE_SECRET, "telegram", "800000011", old) })).status).toBe(404);
    expect(await embedded.service.deps.prisma.consoleLink.count()).toBe(before);
    const good = await post({ channel: "telegram", id: "800000011", at: String(at), sig: operatorSignature(CONSOLE_ENV.CONSOLE_SECRET, "telegram", "800000011", at) });
    expect(good.status).toBe(200);
    expect(await embedded.service.deps.prisma.consoleLink.count()).toBe(before + 1);
  });
});
