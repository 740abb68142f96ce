import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_ENV, personWithRole, signIn, get } from "../../support/console.ts";
import { migratedDatabase, type TestDatabase } from "../../support/postgres.ts";
import { startTestService, type TestService } from "../../support/service.ts";

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
