import { execFile } from "node:child_process";
import { stat, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../../src/core/project-root.ts";
import { REDIS_URL } from "../../support/redis.ts";
import { startTestService, type TestService } from "../../support/service.ts";

/**
 * `npm run admin` asks the running service first, on its operator socket: the commands that need the
 * database run there (a round trip, no database opened by the operator's process), with the operator's
 * folder for relative paths; the others, and every command when no service answers, run in the
 * operator's own process as before.
 */
let dir: string;
let svc: TestService;
let socket: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "operator-"));
  socket = path.join(dir, "operator.sock");
  svc = await startTestService({ role: "web", env: { OPERATOR_SOCKET: socket } });
});
afterAll(async () => {
  await svc?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Runs `npm run admin -- …` as npm does (scripts/admin-launch.mjs), typed in `cwd`. */
function admin(args: string[], env: Record<string, string>, cwd = dir): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["scripts/admin-launch.mjs", ...args],
      { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", REDIS_URL, INIT_CWD: cwd, ...env }, timeout: 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout, err: stderr }),
    );
  });
}

/** A database the operator's process cannot reach: a command that works was answered by the service. */
const UNREACHABLE = { DATABASE_URL: "postgresql://root@127.0.0.1:1/nowhere" };

const programme = {
  cohorts: [
    {
      key: "socket-cohort",
      name: "Cuisine hiver",
      timezone: "Europe/Paris",
      startsOn: "2027-01-04",
      endsOn: "2027-05-28",
      sessions: [{ key: "s1", title: "Accueil", startsAt: "2027-01-05T09:00:00+01:00", endsAt: "2027-01-05T12:00:00+01:00", location: "Paris" }],
      members: [{ channel: "whatsapp", externalId: "33600000101", name: "Amina", locale: "ar" }],
      coordinators: [{ channel: "whatsapp", externalId: "33600000109", name: "Claire" }],
    },
  ],
};

describe("operator commands through the running service", () => {
  it("listens on a socket only its user may open", async () => {
    const info = await stat(socket);
    expect(info.isSocket()).toBe(true);
    expect(info.mode & 0o777).toBe(0o600);
  });

  it("runs a database command in the service, reading a relative path from the operator's folder", async () => {
    await writeFile(path.join(dir, "winter.json"), JSON.stringify(programme));
    const imported = await admin(["import", "winter.json"], { ...UNREACHABLE, OPERATOR_SOCKET: socket });
    expect(imported).toMatchObject({ code: 0, err: "" });
    expect(imported.out).toContain("cohorts: 1 created");
    expect(await svc.service.deps.prisma.cohort.count({ where: { key: "socket-cohort" } })).toBe(1);
    const exported = await admin(["export", "sales", "--cohort", "socket-cohort"], { ...UNREACHABLE, OPERATOR_SOCKET: socket });
    expect(exported.code).toBe(0);
    expect(exported.out.split("\n")[0]).toContain("date,person,kind");
  });

  it("gives a command's usage error and exit code as the operator's own process would", async () => {
    const r = await admin(["import"], { ...UNREACHABLE, OPERATOR_SOCKET: socket });
    expect(r.code).toBe(2);
    expect(r.err).toContain("usage: npm run admin -- import FILE.json");
    const missing = await admin(["export", "sales", "--cohort", "nobody"], { ...UNREACHABLE, OPERATOR_SOCKET: socket });
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('no cohort with key "nobody"');
  });

  it("runs in the operator's process what the service leaves to it, and everything when no service answers", async () => {
    // An unknown command: the service says "local"; the operator's process prints the list.
    const unknown = await admin(["nosuch"], { ...UNREACHABLE, OPERATOR_SOCKET: socket });
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "nosuch"');
    // No service on this socket: the command opens the database itself, as before.
    const databaseUrl = svc.service.config.database.kind === "postgres" ? svc.service.config.database.url : "";
    const alone = await admin(["failures"], { DATABASE_URL: databaseUrl, OPERATOR_SOCKET: path.join(dir, "nobody-here.sock") });
    expect(alone.code).toBe(0);
    expect(alone.out).toMatch(/No failed messages/);
  });
});
