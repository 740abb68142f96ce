import type { Audience } from "../src/engine/types.ts";
import { audienceWhere } from "../src/broadcast/audience.ts";
import type { Prisma } from "../src/db/generated/client.ts";
import { clearPrefix, uniquePrefix } from "../tests/support/redis.ts";
import { benchPrisma, benchQueues } from "./lib/app.ts";
import type { Cleanup } from "./lib/cleanup.ts";
import { pool, type Databases } from "./lib/database.ts";
import { startBenchWhatsApp } from "./lib/fake-whatsapp.ts";
import { log, round, sleep, waitFor } from "./lib/log.ts";
import { createCohort, createCoordinator, seedParticipants } from "./lib/seed.ts";
import { cpuProbe, startServiceProcess } from "./lib/service-process.ts";

/** WhatsApp's throughput per phone number (DESIGN.md section 5): the fake enforces it, and it is the limit. */
export const WHATSAPP_RATE = 80;

export interface BroadcastResult {
  value: number;
  limit: number;
  ok: boolean;
}

/**
 * `broadcast_rate`: a broadcast to a cohort of `recipients` WhatsApp members (all written to in the last
 * hour, so the free-form text goes), created as app/effects.ts "create_broadcast" does (the broadcast,
 * then its recipients from `audienceWhere`), handed to the real fan-out through the dispatcher, and sent
 * by the real service to a fake Graph API that answers 130429 beyond 80 messages/s.
 * value = accepted sends per second from the first to the last. Checked: every recipient exactly once.
 */
export async function broadcastRate(cleanup: Cleanup, databases: Databases, opts: { recipients: number }): Promise<BroadcastResult> {
  const db = await databases.fresh("broadcast", cleanup);
  const sql = pool(cleanup, db.url);
  const cohortId = await createCohort(sql, "bench-broadcast");
  const locales = ["fr", "ar", "fa", "en", "ps", "ti", "es", "bn"];
  const members = await seedParticipants(sql, { cohortId, count: opts.recipients, externalPrefix: "3362", lastInboundAt: new Date(Date.now() - 3600_000), locales });
  const coordinatorId = await createCoordinator(sql, cohortId);

  const prefix = uniquePrefix("bench-bc");
  cleanup.add(`clear redis prefix ${prefix}`, () => clearPrefix(prefix));
  const wa = await startBenchWhatsApp(cleanup);
  wa.fake.rateLimit(WHATSAPP_RATE);
  const svc = await startServiceProcess(cleanup, { databaseUrl: db.url, prefix, whatsappBaseUrl: wa.fake.baseUrl, label: "service(broadcast)" });
  const { prisma } = await benchPrisma(cleanup, db.url);
  const { dispatcher } = benchQueues(cleanup, prefix);

  // As app/effects.ts "create_broadcast" does, in one transaction; then dispatched after commit, as handle-inbound does.
  const audience: Audience = { type: "cohort", cohortId };
  const texts = { fr: "📢 La formation de jeudi commence à 10 h au lieu de 9 h 30. Apportez vos tabliers !", ar: "📢 يبدأ تدريب يوم الخميس الساعة 10 بدلاً من 9:30." };
  const t0 = Date.now();
  const broadcastId = await prisma.$transaction(
    async (tx) => {
      const broadcast = await tx.broadcast.create({
        data: { createdById: coordinatorId, audience: audience as Prisma.InputJsonValue, originalLocale: "fr", texts, status: "sending", confirmedAt: new Date() },
      });
      const people = await tx.person.findMany({ where: audienceWhere(audience), select: { id: true, locale: true } });
      await tx.broadcastRecipient.createMany({ data: people.map((p) => ({ broadcastId: broadcast.id, personId: p.id, locale: p.locale ?? "fr" })) });
      return broadcast.id;
    },
    { timeout: 60_000 },
  );
  const recipients = await prisma.broadcastRecipient.count({ where: { broadcastId } });
  log(`broadcast: ${recipients} recipients created in ${Date.now() - t0} ms; dispatching the fan-out`);
  if (recipients !== opts.recipients) throw new Error(`expected ${opts.recipients} recipients, the audience has ${recipients}`);
  const cpu = cpuProbe(svc, db.name);
  await dispatcher.broadcast(broadcastId);

  const wanted = new Set(members.map((m) => m.externalId));
  const toRecipients = () => wa.accepted().filter((s) => wanted.has(s.to));
  let lastLog = Date.now();
  await waitFor(
    "every recipient's message accepted",
    () => {
      const n = toRecipients().length;
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        log(`broadcast: ${n} / ${wanted.size} accepted after ${round((Date.now() - t0) / 1000, 1)} s`);
      }
      return n >= wanted.size;
    },
    Math.max(300_000, (opts.recipients / WHATSAPP_RATE) * 3000),
    100,
  );
  // Anything sent twice would come after the last first send: give it time to show up.
  await waitFor(
    "no broadcast message left queued or sending",
    async () => (await prisma.outboundMessage.count({ where: { purpose: "announcement", status: { in: ["queued", "sending"] } } })) === 0,
    30_000,
    200,
  );
  const cpuUse = cpu();
  await sleep(3000);

  const sends = toRecipients();
  const perRecipient = new Map<string, number>();
  for (const s of sends) perRecipient.set(s.to, (perRecipient.get(s.to) ?? 0) + 1);
  const twice = [...perRecipient].filter(([, n]) => n > 1);
  const lost = [...wanted].filter((to) => !perRecipient.has(to));
  const { rows } = await sql.query(`SELECT "status"::text AS status, count(*)::int AS n FROM "BroadcastRecipient" WHERE "broadcastId" = $1 GROUP BY 1`, [broadcastId]);
  const first = sends[0]!.at;
  const last = sends[sends.length - 1]!.at;
  const value = (sends.length - 1) / ((last - first) / 1000);
  const ok = twice.length === 0 && lost.length === 0 && sends.length === wanted.size;
  log(
    `broadcast check: ${ok ? "OK" : "FAILED"} — ${wanted.size} recipients, ${sends.length} accepted sends, ${perRecipient.size} distinct, ` +
      `${lost.length} lost, ${twice.length} sent more than once; recipient rows ${JSON.stringify(Object.fromEntries(rows.map((r) => [r.status, r.n])))}`,
  );
  // Per-second counts show whether the pace is steady at the limit or bursts and backs off.
  const perSecond = new Map<number, number>();
  for (const s of sends) perSecond.set(Math.floor((s.at - first) / 1000), (perSecond.get(Math.floor((s.at - first) / 1000)) ?? 0) + 1);
  const counts = [...perSecond.values()];
  // Requests (accepted or refused) in the busiest sliding second, and pauses: gaps of over 0.5 s between sends.
  const arrivals = wa.fake.requests.filter((r) => r.path.endsWith("/messages")).map((r) => r.at);
  let busiest = 0;
  for (let i = 0, j = 0; i < arrivals.length; i++) {
    while (arrivals[i]! - arrivals[j]! >= 1000) j++;
    busiest = Math.max(busiest, i - j + 1);
  }
  const gaps = sends.slice(1).map((s, i) => s.at - sends[i]!.at).filter((g) => g > 500);
  // The fan-out's own pace (recipients claimed per second): below 80/s, sending waits for it.
  const { rows: fan } = await sql.query(
    `SELECT EXTRACT(EPOCH FROM max("claimedAt") - min("claimedAt"))::float8 AS span, count(*)::int AS n FROM "BroadcastRecipient" WHERE "broadcastId" = $1`,
    [broadcastId],
  );
  log("broadcast diagnostics", {
    dispatchToFirstSendMs: first - t0,
    firstToLastS: round((last - first) / 1000),
    refusedBy130429: wa.throttled(),
    requestsInBusiestSlidingSecond: busiest,
    pausesOver500ms: gaps.length,
    pausedS: round(gaps.reduce((a, b) => a + b, 0) / 1000, 1),
    fanOutClaimedPerS: round(fan[0].n / Math.max(0.001, fan[0].span)),
    cpuCores: cpuUse,
    perSecondMin: Math.min(...counts.slice(1, -1)),
    // Seconds (from the first send) that carried under 70 sends, with their count: where the rate was lost.
    slowSeconds: [...perSecond].slice(1, -1).filter(([, n]) => n < 70),
    perSecondMax: Math.max(...counts),
    coordinatorSends: wa.accepted().length - sends.length,
  });
  await svc.stop();
  return { value, limit: WHATSAPP_RATE, ok };
}
