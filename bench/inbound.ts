import { readFileSync } from "node:fs";
import { clearPrefix, uniquePrefix } from "../tests/support/redis.ts";
import type { Cleanup } from "./lib/cleanup.ts";
import { pool, type Databases } from "./lib/database.ts";
import { startBenchWhatsApp } from "./lib/fake-whatsapp.ts";
import { log, quantile, round, waitFor } from "./lib/log.ts";
import { summariseProfiles } from "./lib/profile.ts";
import { createCohort, seedParticipants } from "./lib/seed.ts";
import { cpuProbe, startServiceProcess } from "./lib/service-process.ts";
import { postAll, prepareText } from "./lib/webhook-client.ts";
import { rawInsertsPerSecond } from "./raw-inserts.ts";

/** Prints the statements the service sent to PostgreSQL (counted by bench/lib/query-counter.mjs), per message. */
function summariseQueries(file: string, messages: number): void {
  const { total, statements } = JSON.parse(readFileSync(file, "utf8")) as { total: number; statements: [string, number][] };
  log(`statements sent to PostgreSQL by the service: ${total} for ${messages} messages (warm-up included) = ${round(total / messages, 1)} per message`);
  for (const [text, n] of statements.slice(0, 30)) log(`  ${String(n).padStart(7)}  ${text.slice(0, 170)}`);
}

/** What members write (sales and expenses, read back for confirmation) and what newcomers write first. */
export const SALES = ["vendu 3 plats à 12€", "vendu 2 gâteaux à 4,50€", "acheté farine 12,50€", "vendu 10 samoussas pour 15€", "vendu 1 robe à 35 euros", "acheté 5 kg de riz 9€"];
export const GREETINGS = [
  "Bonjour",
  "Bonjour, je voudrais m'inscrire à la formation",
  "Hello, I would like to join the training",
  "مرحبا، أريد التسجيل في التدريب",
  "Hola, quiero inscribirme en la formación",
  "Salam",
];

export interface InboundResult {
  value: number;
  limit: number;
}

/**
 * `inbound_throughput`: N signed WhatsApp webhooks from N distinct senders (half known members logging a
 * sale, half newcomers greeting in several languages), posted by `concurrency` clients to the real
 * service process; a message counts as handled when every reply it caused was accepted by the fake
 * Graph API (no rate limit there). The service runs as for a number Meta upgraded to 1,000 messages/s
 * (WHATSAPP_MESSAGES_PER_SECOND=1000): at the default 80/s its own limiter, not its handling, would be
 * what is measured. value = N / (last reply − first POST).
 * limit = raw single-row INSERTs per second into the same PostgreSQL at the same concurrency.
 */
export async function inboundThroughput(
  cleanup: Cleanup,
  databases: Databases,
  opts: { messages: number; concurrency: number; profileDir?: string; queryCountFile?: string },
): Promise<InboundResult> {
  const db = await databases.fresh("inbound", cleanup);
  const limit = await rawInsertsPerSecond(cleanup, db.url, { concurrency: opts.concurrency, durationMs: 5000 });

  const sql = pool(cleanup, db.url);
  const cohortId = await createCohort(sql, "bench-inbound");
  const memberCount = Math.floor(opts.messages / 2);
  const members = await seedParticipants(sql, { cohortId, count: memberCount, externalPrefix: "3361", lastInboundAt: new Date(Date.now() - 3600_000) });
  const newcomers = Array.from({ length: opts.messages - memberCount }, (_, i) => `3370${String(i).padStart(7, "0")}`);

  const prefix = uniquePrefix("bench-in");
  cleanup.add(`clear redis prefix ${prefix}`, () => clearPrefix(prefix));
  const wa = await startBenchWhatsApp(cleanup);
  const svc = await startServiceProcess(cleanup, {
    databaseUrl: db.url,
    prefix,
    whatsappBaseUrl: wa.fake.baseUrl,
    label: "service(inbound)",
    nodeArgs: [
      ...(opts.profileDir ? ["--cpu-prof", "--cpu-prof-dir", opts.profileDir] : []),
      ...(opts.queryCountFile ? ["--import", "./bench/lib/query-counter.mjs"] : []),
    ],
    env: { WHATSAPP_MESSAGES_PER_SECOND: "1000", ...(opts.queryCountFile ? { BENCH_QUERY_COUNT_FILE: opts.queryCountFile } : {}) },
  });

  // Warm-up: a few hundred messages, so connections, JIT and caches are what they are in a running service.
  const warm = Array.from({ length: 200 }, (_, i) => prepareText(`3390${String(i).padStart(7, "0")}`, GREETINGS[i % GREETINGS.length]!, `wamid.WARM${i}`));
  await postAll(svc.baseUrl, warm, opts.concurrency);
  await waitFor("warm-up replies", () => new Set(wa.accepted().map((s) => s.to)).size >= warm.length, 120_000, 100);
  const warmSends = wa.accepted().length;

  const posts = [];
  for (let i = 0; i < opts.messages; i++) {
    const memberTurn = i % 2 === 0 && i / 2 < members.length;
    const from = memberTurn ? members[i / 2]!.externalId : newcomers[Math.floor(i / 2)]!;
    posts.push(prepareText(from, memberTurn ? SALES[i % SALES.length]! : GREETINGS[i % GREETINGS.length]!, `wamid.BENCH${i}`));
  }
  const senders = new Set(posts.map((p) => p.from));
  if (senders.size !== posts.length) throw new Error("senders are not distinct");

  log(`inbound: posting ${posts.length} webhooks (${members.length} member sales, ${newcomers.length} newcomer greetings) with ${opts.concurrency} clients`);
  const t0 = Date.now();
  const cpu = cpuProbe(svc, db.name);
  const results = await postAll(svc.baseUrl, posts, opts.concurrency);
  const tPosted = Date.now();
  const refused = results.filter((r) => r.status !== 200);
  if (refused.length) throw new Error(`${refused.length} webhooks were not answered 200 (first: ${refused[0]!.status})`);
  log(`inbound: all ${posts.length} webhooks answered 200 in ${tPosted - t0} ms (${round(posts.length / ((tPosted - t0) / 1000))} webhooks/s)`);

  const replied = () => {
    const seen = new Set<string>();
    for (const s of wa.accepted()) if (senders.has(s.to)) seen.add(s.to);
    return seen;
  };
  let lastLog = Date.now();
  await waitFor(
    "a reply to every sender",
    () => {
      const n = replied().size;
      if (Date.now() - lastLog > 5000) {
        lastLog = Date.now();
        log(`inbound: ${n} / ${posts.length} senders answered after ${round((Date.now() - t0) / 1000, 1)} s`);
      }
      return n === posts.length;
    },
    Math.max(180_000, opts.messages * 40),
    50,
  );
  // Fully handled: nothing left queued or being sent, every inbound message processed.
  await waitFor(
    "outbound drained",
    async () => {
      const { rows } = await sql.query(
        `SELECT (SELECT count(*) FROM "OutboundMessage" WHERE "status" IN ('queued', 'sending'))::int AS pending,
                (SELECT count(*) FROM "InboundMessage" WHERE "status" = 'received')::int AS unprocessed`,
      );
      return rows[0].pending === 0 && rows[0].unprocessed === 0;
    },
    60_000,
    100,
  );
  const cpuUse = cpu();
  const sends = wa.accepted().slice(warmSends).filter((s) => senders.has(s.to));
  const tEnd = Math.max(...sends.map((s) => s.at));
  const value = posts.length / ((tEnd - t0) / 1000);

  // Where the time went, per message: webhook answer, queue wait + handling (DB times), reply.
  const webhookMs = results.map((r) => r.answeredAt - r.startedAt).sort((a, b) => a - b);
  const firstReply = new Map<string, number>();
  for (const s of sends) if (!firstReply.has(s.to)) firstReply.set(s.to, s.at);
  const replyMs = posts.map((p, i) => firstReply.get(p.from)! - results[i]!.startedAt).sort((a, b) => a - b);
  const { rows: stages } = await sql.query(`
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM i."processedAt" - i."receivedAt")) * 1000 AS in_p50,
           percentile_cont(0.99) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM i."processedAt" - i."receivedAt")) * 1000 AS in_p99,
           EXTRACT(EPOCH FROM max(i."processedAt") - min(i."receivedAt")) AS in_span_s
    FROM "InboundMessage" i WHERE i."platformMessageId" LIKE 'wamid.BENCH%'`);
  const { rows: outStages } = await sql.query(`
    SELECT count(*)::int AS n,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM o."sentAt" - o."createdAt")) * 1000 AS out_p50,
           percentile_cont(0.99) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM o."sentAt" - o."createdAt")) * 1000 AS out_p99
    FROM "OutboundMessage" o JOIN "InboundMessage" i ON split_part(o."idempotencyKey", ':', 2) = i."id"
    WHERE i."platformMessageId" LIKE 'wamid.BENCH%'`);
  log("inbound diagnostics", {
    messages: posts.length,
    replies: sends.length,
    repliesPerMessage: round(sends.length / posts.length),
    webhooksPerSecond: round(posts.length / ((tPosted - t0) / 1000)),
    webhookMsP50: quantile(webhookMs, 0.5),
    webhookMsP99: quantile(webhookMs, 0.99),
    inboundHandledSpanS: round(Number(stages[0].in_span_s)),
    receivedToProcessedMsP50: round(Number(stages[0].in_p50)),
    receivedToProcessedMsP99: round(Number(stages[0].in_p99)),
    outboundRows: outStages[0].n,
    createdToSentMsP50: round(Number(outStages[0].out_p50)),
    createdToSentMsP99: round(Number(outStages[0].out_p99)),
    firstReplyMsP50: quantile(replyMs, 0.5),
    firstReplyMsP99: quantile(replyMs, 0.99),
    totalS: round((tEnd - t0) / 1000),
    cpuCores: cpuUse,
    serviceCpuMsPerMessage: round((cpuUse.serviceCores * (tEnd - t0)) / posts.length, 1),
    postgresCpuMsPerMessage: round((cpuUse.postgresCores * (tEnd - t0)) / posts.length, 1),
  });
  await svc.stop();
  if (opts.profileDir) summariseProfiles(opts.profileDir);
  if (opts.queryCountFile) summariseQueries(opts.queryCountFile, posts.length + warm.length);
  return { value, limit };
}
