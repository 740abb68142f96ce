import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { broadcastRate } from "./broadcast.ts";
import { inboundThroughput } from "./inbound.ts";
import { Cleanup } from "./lib/cleanup.ts";
import { Databases } from "./lib/database.ts";
import { sampleLoadAverage, type LoadAverageFields } from "./lib/load-average.ts";
import { log, printMetric, round } from "./lib/log.ts";
import { reminderLateness } from "./reminders.ts";
import { replyLatency } from "./reply-latency.ts";
import { rssPerParticipants } from "./rss.ts";
import { understandLatency } from "./understand.ts";

/**
 * `npm run bench`: the benchmarks of DESIGN.md section 4, one JSON line each on standard output
 * (`{"metric","value","unit","limit","ratio"}`, then extra fields: every line carries `load_avg_1m`, the
 * machine's 1-minute load average when the metric ended, and `load_avg_mean`, its mean over the metric,
 * sampled every second, because this machine is shared and a busy minute moves the figures), everything
 * else on standard error. Limits are measured on this machine in this run (raw INSERTs) or are the
 * platform's figure or the goal (80/s, 250 ms, 15 s, 25 MB).
 * Everything talks to 127.0.0.1 only, on fresh databases and queue prefixes that are removed at the end,
 * whatever happens; the service runs as `npm start` runs it (node with its flags on dist/main.mjs) in child processes, stopped by pid.
 * Exits non-zero when a benchmark fails or a check (nothing lost, nothing sent twice) does not hold.
 *
 * Environment, for development (the defaults are the benchmark):
 *   BENCH_ONLY=understand,inbound,latency,broadcast,reminders,rss   run only these
 *   BENCH_INBOUND_MESSAGES=2000                  webhooks posted by inbound_throughput
 *   BENCH_LATENCY_SECONDS=12                     how long inbound_reply_latency_p99 posts (12 s at 500/s: 6,000 webhooks)
 *   BENCH_LATENCY_RATE=500                       its steady posting rate, per second (lower it to check the metric itself)
 *   BENCH_PROFILE=1 [BENCH_PROFILE_KEEP=1]       CPU-profile the service during inbound_throughput
 *   BENCH_QUERY_COUNT=1                          count the service's SQL statements during inbound_throughput
 *   BENCH_SERVICE_NODE_ARGS="--import /tmp/x.mts" extra node arguments for the service (experiments)
 */
const only = new Set((process.env.BENCH_ONLY ?? "understand,inbound,latency,broadcast,reminders,rss").split(",").map((s) => s.trim()));
const cleanup = new Cleanup();
let failed = false;
let exiting = false;

async function stopAndExit(code: number): Promise<void> {
  if (exiting) return;
  exiting = true;
  await cleanup.runAll();
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping everything`);
    failed = true;
    void stopAndExit(130);
  });
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const databases = new Databases(cleanup);
  log(`machine: ${os.cpus().length} cores, ${round(os.totalmem() / 2 ** 30, 1)} GiB, load average ${os.loadavg().map((l) => round(l)).join(" ")}`);
  /**
   * Runs one benchmark with a cleanup of its own, run when it ends (or by the global one on a signal);
   * `load()` gives the load-average fields its metric line carries.
   */
  const metric = async (name: string, fn: (scope: Cleanup, load: () => LoadAverageFields) => Promise<void>) => {
    if (!only.has(name) || exiting) return;
    const t = performance.now();
    const scope = new Cleanup();
    cleanup.add(`${name}: everything it started`, () => scope.runAll(), 120_000);
    log(`── ${name} ── (load average ${os.loadavg().map((l) => round(l)).join(" ")})`);
    const loadAverage = sampleLoadAverage();
    try {
      await fn(scope, loadAverage.fields);
    } catch (err) {
      failed = true;
      log(`${name} FAILED: ${(err as Error)?.stack ?? String(err)}`);
    } finally {
      loadAverage.stop();
      await scope.runAll();
    }
    log(`${name} took ${round((performance.now() - t) / 1000, 1)} s (load average ${os.loadavg().map((l) => round(l)).join(" ")})`);
  };

  await metric("understand", async (_scope, load) => {
    const r = understandLatency();
    printMetric("understand_latency_ms", r.p50, "ms", 1, { p99: round(r.p99, 3), model_mb: round(r.modelMB, 1), ...load() });
  });
  await metric("inbound", async (scope, load) => {
    const profileDir = process.env.BENCH_PROFILE ? mkdtempSync(path.join(os.tmpdir(), "bench-prof-")) : undefined;
    if (profileDir && !process.env.BENCH_PROFILE_KEEP) scope.add("remove profiles", () => rmSync(profileDir, { recursive: true, force: true }));
    if (profileDir) log(`CPU profiles of the service in ${profileDir}`);
    const queryCountFile = process.env.BENCH_QUERY_COUNT ? path.join(mkdtempSync(path.join(os.tmpdir(), "bench-q-")), "queries.json") : undefined;
    if (queryCountFile) scope.add("remove query counts", () => rmSync(path.dirname(queryCountFile), { recursive: true, force: true }));
    const messages = Number(process.env.BENCH_INBOUND_MESSAGES ?? 2000);
    const r = await inboundThroughput(scope, databases, { messages, concurrency: 32, profileDir, queryCountFile });
    printMetric("inbound_throughput", r.value, "messages/s", r.limit, load());
  });
  await metric("latency", async (scope, load) => {
    const ratePerSecond = Number(process.env.BENCH_LATENCY_RATE ?? 500);
    const seconds = Number(process.env.BENCH_LATENCY_SECONDS ?? 12);
    const r = await replyLatency(scope, databases, { ratePerSecond, seconds, maxInFlight: 64 });
    printMetric("inbound_reply_latency_p99", r.p99, "ms", r.limit, { p50: r.p50, p90: r.p90, sent_rate: round(r.sentRate), ...load() });
  });
  await metric("broadcast", async (scope, load) => {
    const r = await broadcastRate(scope, databases, { recipients: 10_000 });
    printMetric("broadcast_rate", r.value, "messages/s", r.limit, load());
    if (!r.ok) throw new Error("broadcast check failed: a recipient was missed or served twice");
  });
  await metric("reminders", async (scope, load) => {
    const r = await reminderLateness(scope, databases, { total: 10_000 });
    printMetric("reminder_lateness_p99", r.value, "s", r.limit, load());
    if (!r.ok) throw new Error("reminder check failed: a reminder was missed or sent twice");
  });
  await metric("rss", async (scope, load) => {
    const r = await rssPerParticipants(scope, databases, { sizes: [10_000, 50_000, 100_000] });
    printMetric("rss_per_10k_participants", r.value, "MB", r.limit, { settled_mb: round(r.value * 10, 1), after_burst_mb: round(r.burstMB, 1), peak_mb: round(r.peakMB, 1), ...load() });
  });
  log(`all benchmarks took ${round((performance.now() - t0) / 1000, 1)} s`);
}

main()
  .catch((err: unknown) => {
    failed = true;
    log(`bench failed: ${(err as Error)?.stack ?? String(err)}`);
  })
  .finally(() => {
    log(failed ? "bench: FAILED (see above); cleaning up" : "bench: done; cleaning up");
    return stopAndExit(failed ? 1 : 0);
  });
