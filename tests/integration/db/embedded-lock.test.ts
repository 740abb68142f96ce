import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../../src/db/database.ts";

const home = mkdtempSync(path.join(tmpdir(), "embedded-lock-"));
const dataDir = path.join(home, "pglite");
const lockFile = `${dataDir}.lock`;
let other: ChildProcess | undefined;
afterAll(() => {
  other?.kill("SIGKILL");
  rmSync(home, { recursive: true, force: true });
});

describe("the embedded database, one process at a time", () => {
  it("takes a lock while open and gives it back on close", { timeout: 60_000 }, async () => {
    const db = await openDatabase({ kind: "pglite", dataDir });
    expect(JSON.parse(readFileSync(lockFile, "utf8"))).toEqual({ pid: process.pid, host: hostname() });
    await db.close();
    expect(existsSync(lockFile)).toBe(false);
  });

  it("refuses to open a folder another live process holds, naming it, and takes over once that process is gone", { timeout: 60_000 }, async () => {
    other = spawn("sleep", ["60"], { stdio: "ignore" });
    writeFileSync(lockFile, JSON.stringify({ pid: other.pid, host: hostname() }));
    await expect(openDatabase({ kind: "pglite", dataDir })).rejects.toMatchObject({ code: "database.embedded_in_use", message: expect.stringContaining(`pid ${other.pid}`) });
    expect(JSON.parse(readFileSync(lockFile, "utf8")).pid).toBe(other.pid); // the holder's lock is left as it was

    other.kill("SIGKILL");
    await new Promise((resolve) => other!.once("exit", resolve));
    const db = await openDatabase({ kind: "pglite", dataDir });
    expect(JSON.parse(readFileSync(lockFile, "utf8")).pid).toBe(process.pid);
    expect((await db.prisma.$queryRawUnsafe<{ one: number }[]>("SELECT 1 AS one"))[0]!.one).toBe(1);
    await db.close();
  });
});
