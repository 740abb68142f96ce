import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProgramme } from "../../src/programme/import.ts";
import { syncSessionReminders } from "../../src/reminders/schedule.ts";
import { applyFireChanges } from "../../src/fires/changes.ts";
import type { FakeWhatsApp } from "../fakes/whatsapp-server.ts";
import { postWhatsApp, waTextBody } from "../support/platforms.ts";
import { REDIS_URL } from "../support/redis.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";
import { faultEnv, programmeOf, sleep, startInProcess, waitFor, whatsappEnv, type FaultEnv, type InProcess } from "./support.ts";

/**
 * Redis goes away for CUT_MS and comes back (its connections cut by a TCP proxy in front of the
 * machine's Redis: the data stays, as after a restart with persistence). The running service, never
 * restarted, must answer again: the inbound and outbound workers and the reminder timer resume by
 * themselves. Modest numbers: 5 people before, 3 during, 5 after.
 */
const CUT_MS = 3000;

let fault: FaultEnv;
let wa: FakeWhatsApp;
let proxy: TcpProxy;
let svc: InProcess;

beforeAll(async () => {
  fault = await faultEnv("rrestart");
  wa = await fault.whatsapp();
  proxy = await startTcpProxy("127.0.0.1", Number(new URL(REDIS_URL).port || 6379));
  fault.defer(() => proxy.close());
  svc = await startInProcess(fault, { redisUrl: proxy.url(REDIS_URL), env: whatsappEnv(wa.baseUrl) });
});
afterAll(async () => {
  await fault?.cleanup();
});

const answersTo = (from: string) => wa.sent().filter((m) => m["to"] === from).length;
const number = (group: string, i: number) => `336${group}${String(i).padStart(5, "0")}`;

async function say(from: string, text: string) {
  const res = await postWhatsApp(svc.baseUrl, waTextBody(from, text));
  return res.status;
}

describe("Redis restarted under a running service", () => {
  it("answers messages sent after the cut, and the reminders armed before it still fire", { timeout: 90_000 }, async () => {
    const before = Array.from({ length: 5 }, (_, i) => number("10", i));
    for (const from of before) expect(await say(from, "Bonjour, je voudrais m'inscrire à la formation")).toBe(200);
    await waitFor("answers before the cut", () => before.every((from) => answersTo(from) > 0), 20_000);

    // A reminder armed now, due a few seconds after Redis comes back: the delayed job survives in Redis.
    const summary = await importProgramme(
      fault.prisma,
      programmeOf({ key: "restart", sessions: [{ key: "s", title: "Rappel après la coupure", startsAt: new Date(Date.now() + 86_400_000) }], members: [{ channel: "console", externalId: "rappel-1", locale: "fr" }] }),
    );
    await fault.prisma.trainingSession.updateMany({ where: { id: { in: summary.changedSessionIds } }, data: { startsAt: new Date(Date.now() + 3600_000 + CUT_MS + 3000) } });
    await applyFireChanges(svc.service.deps.fires!, await syncSessionReminders(fault.prisma, summary.changedSessionIds, new Date()));

    proxy.cut();
    const health = await fetch(`${svc.baseUrl}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.text()).toContain("redis");
    // Messages arriving while Redis is away: recorded; the webhook answers once it could queue them, or 5xx.
    const during = Array.from({ length: 3 }, (_, i) => number("20", i));
    const bodies = during.map((from) => waTextBody(from, "Hello, I would like to join the training"));
    const posts = bodies.map((body) => postWhatsApp(svc.baseUrl, body).then((r) => r.status));
    await sleep(CUT_MS);
    proxy.restore();
    const tRestore = Date.now();
    const statuses = await Promise.all(posts);
    // A 5xx is redelivered, as Meta would.
    for (const [i, status] of statuses.entries()) if (status >= 500) expect(await postWhatsApp(svc.baseUrl, bodies[i]!).then((r) => r.status)).toBe(200);
    expect(statuses.every((s) => s === 200 || s >= 500)).toBe(true);

    await waitFor("healthy again", async () => (await fetch(`${svc.baseUrl}/healthz`)).ok, 15_000, 200);
    const after = Array.from({ length: 5 }, (_, i) => number("30", i));
    for (const from of after) expect(await say(from, "Hola, quiero inscribirme en la formación")).toBe(200);
    const answeredBefore = new Map(before.map((from) => [from, answersTo(from)]));
    for (const from of before) expect(await say(from, "menu")).toBe(200);

    await waitFor("answers to the messages sent during the cut", () => during.every((from) => answersTo(from) > 0), 30_000);
    await waitFor("answers to new people after the cut", () => after.every((from) => answersTo(from) > 0), 30_000);
    await waitFor("answers to the second messages of the first people", () => before.every((from) => answersTo(from) > answeredBefore.get(from)!), 30_000);
    console.log(`[redis-restart] every message after the cut answered ${((Date.now() - tRestore) / 1000).toFixed(1)} s after Redis came back; during-cut webhooks answered ${statuses.join(", ")}`);

    const reminder = await waitFor(
      "the reminder armed before the cut",
      () => fault.prisma.outboundMessage.findFirst({ where: { externalId: "rappel-1", purpose: "reminder", status: "sent" } }),
      20_000,
    );
    expect(reminder).toBeTruthy();
    expect(svc.consoleOutput().split("Rappel après la coupure").length - 1).toBe(1);

    // Each message handled once: one inbound row each, all processed.
    const inbound = await fault.prisma.inboundMessage.findMany({ where: { externalId: { in: [...before, ...during, ...after] } } });
    expect(inbound).toHaveLength(before.length * 2 + during.length + after.length);
    expect(inbound.every((m) => m.status === "processed")).toBe(true);
  });
});
