import { readFileSync } from "node:fs";
import type { Cleanup } from "./lib/cleanup.ts";
import { type Databases } from "./lib/database.ts";
import { startInboundScenario, WARM_UP } from "./lib/inbound-scenario.ts";
import { log, quantile, round, waitFor } from "./lib/log.ts";
import { summariseProfiles } from "./lib/profile.ts";
import { cpuProbe } from "./lib/service-process.ts";
import { postAll } from "./lib/webhook-client.ts";
import { rawInsertsPerSecond } from "./raw-inserts.ts";

/** Prints the statements the service sent to PostgreSQL (counted by bench/lib/query-counter.mjs), per message. */
function summariseQueries(file: string, messages: number): void {
  const { total, statements } = JSON.parse(readFileSync(file, "utf8")) as { total: number; statements: [string, number][] };
  log(`statements sent to PostgreSQL by the service: ${total} for ${messages} messages (warm-up included) = ${round(total / messages, 1)} per message`);
  for (const [text, n] of statements.slice(0, 30)) log(`  ${String(n).padStart(7)}  ${text.slice(0, 170)}`);
}

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

  const { sql, svc, wa, posts, senders, members, newcomers, warmSends } = await startInboundScenario(cleanup, db.url, {
    label: "inbound",
    tag: "BENCH",
    digit: 0,
    messages: opts.messages,
    nodeArgs: [
      ...(opts.profileDir ? ["--cpu-prof", "--cpu-prof-dir", opts.profileDir] : []),
      ...(opts.queryCountFile ? ["--import", "./bench/lib/query-counter.mjs"] : []),
    ],
    env: opts.queryCountFile ? { BENCH_QUERY_COUNT_FILE: opts.queryCountFile } : {},
  });

  log(`inbound: posting ${posts.length} webhooks (${members} member sales, ${newcomers} newcomer greetings) with ${opts.concurrency} clients`);
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
  if (opts.queryCountFile) summariseQueries(opts.queryCountFile, posts.length + WARM_UP);
  return { value, limit };
}
