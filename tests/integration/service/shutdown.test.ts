import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { ingest } from "../../../src/app/inbound/ingest.ts";
import type { ChannelAdapter } from "../../../src/core/adapter.ts";
import { migratedDatabase } from "../../support/postgres.ts";
import { clearPrefix, REDIS_URL, uniquePrefix } from "../../support/redis.ts";
import { freePort } from "../../support/ports.ts";
import { eventually, startTestService } from "../../support/service.ts";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe("graceful shutdown", () => {
  it("finishes the send in hand before closing", async () => {
    let started = 0;
    let finished = 0;
    const slowPlatform: ChannelAdapter = {
      channel: "telegram",
      async send() {
        started++;
        await new Promise((r) => setTimeout(r, 1500));
        finished++;
        return { platformMessageId: `m${finished}` };
      },
    };
    const svc = await startTestService({ adapters: { telegram: slowPlatform } });
    cleanups.push(() => svc.stop());
    const { deps } = svc.service;
    await ingest(deps, {
      messages: [{ channel: "telegram", externalId: "4242", platformMessageId: "update:1", sentAt: new Date(), kind: "text", text: "/start", localeHint: "fr" }],
    });
    await eventually(() => started > 0);
    const t0 = Date.now();
    await svc.service.stop();
    const took = Date.now() - t0;
    expect(took).toBeLessThan(10_000);
    expect(finished).toBe(started);
    const prisma = (await import("../../../src/db/database.ts")).openDatabase;
    const db = await prisma({ kind: "postgres", url: svc.service.config.database.kind === "postgres" ? svc.service.config.database.url : "" });
    const rows = await db.prisma.outboundMessage.findMany({ where: { status: "sent" } });
    expect(rows.length).toBe(finished);
    await db.close();
  });

  it("the service process exits cleanly on SIGTERM within 10 s", async () => {
    const db = await migratedDatabase("sig");
    const prefix = uniquePrefix("sig");
    cleanups.push(async () => {
      await clearPrefix(prefix);
      await db.drop();
    });
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: { ...process.env, DATABASE_URL: db.url, REDIS_URL, QUEUE_PREFIX: prefix, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "info" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await eventually(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200, 60_000, 250);
    const t0 = Date.now();
    child.kill("SIGTERM");
    const code = await exited;
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(code).toBe(0);
    expect(stderr).toContain('"msg":"stopping"');
  });
});
