import { startInboundScenario } from "./lib/inbound-scenario.ts";
import type { Cleanup } from "./lib/cleanup.ts";
import type { Databases } from "./lib/database.ts";
import { log, quantile, round, sleep } from "./lib/log.ts";
import { postPaced } from "./lib/paced-poster.ts";
import { cpuProbe } from "./lib/service-process.ts";

/** The goal: a person waits at most a quarter of a second for the answer, at 500 messages/s. */
const LIMIT_MS = 250;
/** How long after the last post every sender must have had a reply; past it, a message counts as lost. */
const REPLY_DEADLINE_MS = 60_000;

export interface ReplyLatencyResult {
  p50: number;
  p90: number;
  p99: number;
  /** Webhooks per second actually posted. */
  sentRate: number;
  limit: number;
}

/**
 * `inbound_reply_latency_p99`: webhooks from distinct senders (half known members logging a sale, half
 * newcomers greeting, as in `inbound_throughput`) posted open-loop at a steady `ratePerSecond` for
 * `seconds` to the real service process; per message, the time from the webhook's 200 to the first
 * reply to its sender accepted by the fake Graph API. The service's own send pace is set to WhatsApp's
 * highest tier (WHATSAPP_MESSAGES_PER_SECOND=1000, the most its configuration accepts; 500 messages/s
 * cause about 500 replies/s, a turn's replies going as one message) so that the service, not the
 * platform's tier, is measured.
 * Throws when a sender has no reply 60 s after the last post (nothing is lost) or a webhook is refused.
 */
export async function replyLatency(
  cleanup: Cleanup,
  databases: Databases,
  opts: { ratePerSecond: number; seconds: number; maxInFlight: number },
): Promise<ReplyLatencyResult> {
  const messages = Math.round(opts.ratePerSecond * opts.seconds);
  const db = await databases.fresh("latency", cleanup);
  const { svc, wa, posts, senders, members, newcomers, warmSends } = await startInboundScenario(cleanup, db.url, { label: "latency", tag: "LAT", digit: 1, messages });
  let seen = warmSends;

  // First reply to each sender, read from the fake as the run goes (its list only grows).
  const firstReply = new Map<string, number>();
  const collect = () => {
    const sends = wa.accepted();
    for (; seen < sends.length; seen++) {
      const s = sends[seen]!;
      if (senders.has(s.to) && !firstReply.has(s.to)) firstReply.set(s.to, s.at);
    }
    return firstReply.size;
  };

  log(`latency: posting ${posts.length} webhooks at ${opts.ratePerSecond}/s for ${opts.seconds} s (${members} member sales, ${newcomers} newcomer greetings), up to ${opts.maxInFlight} in flight`);
  const cpu = cpuProbe(svc, db.name);
  const t0 = Date.now();
  const posting = await postPaced(svc.baseUrl, posts, { ratePerSecond: opts.ratePerSecond, maxInFlight: opts.maxInFlight });
  const { results } = posting;
  const refused = results.filter((r) => r.status !== 200);
  if (refused.length) throw new Error(`${refused.length} webhooks were not answered 200 (first: ${refused[0]!.status})`);
  const tPosted = Math.max(...results.map((r) => r.answeredAt));
  log(`latency: all ${posts.length} webhooks answered 200 in ${tPosted - t0} ms, posted at ${round(posting.sentRate)}/s (the latest ${round(posting.maxBehindMs)} ms behind its slot)`);
  if (posting.sentRate < opts.ratePerSecond * 0.95) {
    log(`latency: WARNING: posting fell behind the schedule (${round(posting.sentRate)}/s, not ${opts.ratePerSecond}/s): the webhook answered too slowly for ${opts.maxInFlight} connections, so the service saw less load than the metric intends`);
  }

  const deadline = tPosted + REPLY_DEADLINE_MS;
  let lastLog = Date.now();
  while (collect() < posts.length && Date.now() < deadline) {
    if (Date.now() - lastLog > 5000) {
      lastLog = Date.now();
      log(`latency: ${firstReply.size} / ${posts.length} senders answered, ${round((Date.now() - tPosted) / 1000, 1)} s after the last post`);
    }
    await sleep(100);
  }
  const cpuUse = cpu();

  // Latency from the 200, per message; a reply that reached the platform before the 200 reached the sender waited nothing.
  const latencies: number[] = [];
  let beforeAnswer = 0;
  posts.forEach((p, i) => {
    const at = firstReply.get(p.from);
    if (at === undefined) return;
    const ms = at - results[i]!.answeredAt;
    if (ms < 0) beforeAnswer++;
    latencies.push(Math.max(0, ms));
  });
  latencies.sort((a, b) => a - b);
  const webhookMs = results.map((r) => r.answeredAt - r.startedAt).sort((a, b) => a - b);
  log("latency diagnostics", {
    messages: posts.length,
    answered: latencies.length,
    repliedBeforeThe200: beforeAnswer,
    sentRate: round(posting.sentRate),
    maxBehindScheduleMs: round(posting.maxBehindMs),
    webhookMsP50: quantile(webhookMs, 0.5),
    webhookMsP99: quantile(webhookMs, 0.99),
    replyMsP50: quantile(latencies, 0.5),
    replyMsP90: quantile(latencies, 0.9),
    replyMsP99: quantile(latencies, 0.99),
    replyMsMax: latencies.at(-1) ?? null,
    cpuCores: cpuUse,
  });
  await svc.stop();
  if (latencies.length < posts.length) {
    throw new Error(
      `${posts.length - latencies.length} of ${posts.length} senders had no reply ${REPLY_DEADLINE_MS / 1000} s after the last post ` +
        `(p99 of the ${latencies.length} answered: ${quantile(latencies, 0.99)} ms)`,
    );
  }
  return {
    p50: quantile(latencies, 0.5),
    p90: quantile(latencies, 0.9),
    p99: quantile(latencies, 0.99),
    sentRate: posting.sentRate,
    limit: LIMIT_MS,
  };
}
