import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { broadcastRate } from "./broadcast.ts";
import { inboundThroughput } from "./inbound.ts";
import { Cleanup } from "./lib/cleanup.ts";
import { Databases } from "./lib/database.ts";
import { log, printMetric, round } from "./lib/log.ts";

/**
 * `npm run bench`: the four benchmarks of DESIGN.md section 4, one JSON line each on standard output,
 * everything else on standard error. Each limit is measured on this machine in this run (or is the
 * fixed goal/platform figure). Everything runs against 127.0.0.1 with fresh databases and queue
 * prefixes, removed at the end whatever happens.
 *
 * Environment (for development; the defaults are the benchmark):
 *   BENCH_ONLY=inbound,broadcast,reminders,rss   run only these
 *   BENCH_PROFILE=1                              CPU-profile the service during inbound_throughput
 *   BENCH_INBOUND_MESSAGES=5000                  messages of inbound_throughput
 */
const only = new Set((process.env.BENCH_ONLY ?? "inbound,broadcast,reminders,rss").split(",").map((s) => s.trim()));
const cleanup = new Cleanup();
let failed = false;

async function stopAndExit(code: number): Promise<never> {
  await cleanup.runAll();
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping everything`);
    void stopAndExit(130);
  });
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const databases = new Databases(cleanup);
  const metric = async (name: string, fn: () => Promise<void>) => {
    if (!only.has(name)) return;
    const t = performance.now();
    log(`── ${name} ──`);
    try {
      await fn();
    } catch (err) {
      failed = true;
      log(`${name} FAILED: ${(err as Error)?.stack ?? String(err)}`);
    }
    log(`${name} took ${round((performance.now() - t) / 1000, 1)} s`);
  };

  await metric("inbound", async () => {
    const profileDir = process.env.BENCH_PROFILE ? mkdtempSync(path.join(os.tmpdir(), "bench-prof-")) : undefined;
    if (profileDir && !process.env.BENCH_PROFILE_KEEP) cleanup.add("remove profiles", () => rmSync(profileDir, { recursive: true, force: true }));
    if (profileDir) log(`CPU profiles of the service in ${profileDir}`);
    const r = await inboundThroughput(cleanup, databases, { messages: Number(process.env.BENCH_INBOUND_MESSAGES ?? 5000), concurrency: 32, profileDir });
    printMetric("inbound_throughput", r.value, "messages/s", r.limit);
  });
  await metric("broadcast", async () => {
    const r = await broadcastRate(cleanup, databases, { recipients: 10_000 });
    printMetric("broadcast_rate", r.value, "messages/s", r.limit);
    if (!r.ok) throw new Error("broadcast check failed: a recipient was missed or served twice");
  });
  log(`all benchmarks took ${round((performance.now() - t0) / 1000, 1)} s`);
}

main()
  .catch((err: unknown) => {
    failed = true;
    log(`bench failed: ${(err as Error)?.stack ?? String(err)}`);
  })
  .finally(() => stopAndExit(failed ? 1 : 0));
