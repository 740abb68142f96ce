import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeWhatsApp } from "../fakes/whatsapp-server.ts";
import { postWhatsApp, startWithPlatforms, waTextBody } from "../support/platforms.ts";
import { eventually, type TestService } from "../support/service.ts";

/**
 * `npm start` without DATABASE_URL: the embedded database (PGlite) under the whole service, webhooks,
 * queues and workers, so every statement of the pipeline also runs on PGlite, not only on PostgreSQL.
 */
let dir: string;
let wa: FakeWhatsApp;
let svc: TestService;
let stop: () => Promise<void>;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "embedded-"));
  ({ wa, svc, stop } = await startWithPlatforms({ env: { DATABASE_URL: "", DATA_DIR: dir } }));
}, 60_000);
afterAll(async () => {
  await stop?.();
  await rm(dir, { recursive: true, force: true });
});

describe("the service on the embedded database", () => {
  it("answers WhatsApp messages through its queues on PGlite", { timeout: 60_000 }, async () => {
    expect(svc.service.db.kind).toBe("pglite");
    const from = "33611112222";
    expect((await postWhatsApp(svc.baseUrl, waTextBody(from, "Bonjour"))).status).toBe(200);
    await eventually(() => wa.sent().some((m) => m["to"] === from), 20_000);
    // Two messages at once: both handled and answered (the second's replies wait for the first's).
    await Promise.all([postWhatsApp(svc.baseUrl, waTextBody(from, "1", { id: "wamid.E1" })), postWhatsApp(svc.baseUrl, waTextBody(from, "aide", { id: "wamid.E2" }))]);
    await eventually(async () => (await svc.service.db.prisma.inboundMessage.count({ where: { status: "received" } })) === 0, 20_000);
    await eventually(async () => (await svc.service.db.prisma.outboundMessage.count({ where: { status: { in: ["queued", "sending"] } } })) === 0, 20_000);
    const rows = await svc.service.db.prisma.outboundMessage.findMany({ where: { externalId: from }, orderBy: { createdAt: "asc" } });
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    expect(wa.sent().filter((m) => m["to"] === from)).toHaveLength(rows.length);
  });
});
