import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { PROJECT_ROOT } from "../../src/core/project-root.ts";
import { REDIS_URL } from "../../tests/support/redis.ts";
import { whatsappEnv } from "../../tests/support/platforms.ts";
import type { Cleanup } from "./cleanup.ts";
import { serviceCommand } from "../../scripts/service-command.ts";
import { freePort } from "../../tests/support/ports.ts";
import { log, sleep, waitFor } from "./log.ts";

export interface ServiceProcess {
  pid: number;
  baseUrl: string;
  child: ChildProcess;
  /** Resident memory of the service process now, in bytes (VmRSS of /proc/<pid>/status). */
  rssBytes(): number;
  /** CPU time the service process has used so far (user + system), in seconds. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/** User + system CPU seconds of a process, from /proc/<pid>/stat. */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
}

/** Busy and total CPU time of the whole machine (all processes, all cores), from /proc/stat, in seconds. */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/u).slice(1).map(Number);
  const idle = (line[3] ?? 0) + (line[4] ?? 0);
  const total = line.reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / USER_HZ, total: total / USER_HZ };
}

/** VmRSS of a process in bytes, read from /proc. */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const m = /^VmRSS:\s+(\d+)\s+kB/mu.exec(status);
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]) * 1024;
}

/**
 * The real service, as `npm start` runs it (the bundle dist/main.mjs with package.json's node flags), in a child process of its
 * own: its event loop is not shared with the load generator and the fake platform, and its memory is
 * its own. WhatsApp is enabled against `whatsappBaseUrl`. Stopped by pid (SIGTERM, then SIGKILL after
 * the service's own 10 s grace) by `stop()` or the cleanup, whichever comes first.
 */
export async function startServiceProcess(
  cleanup: Cleanup,
  opts: { databaseUrl: string; prefix: string; whatsappBaseUrl: string; nodeArgs?: string[]; env?: Record<string, string>; label?: string },
): Promise<ServiceProcess> {
  const port = await freePort();
  // BENCH_SERVICE_NODE_ARGS: extra node arguments for every service process, for experiments only
  // (e.g. "--import /tmp/preload.mts" to try a change before making it); unset in a real run.
  const extra = process.env.BENCH_SERVICE_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  if (extra.length) log(`EXPERIMENT: service started with extra node arguments ${extra.join(" ")}`);
  const [main, ...nodeFlags] = serviceCommand().reverse();
  const child = spawn(process.execPath, [...nodeFlags.reverse(), ...(opts.nodeArgs ?? []), ...extra, main!], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: opts.databaseUrl,
      REDIS_URL,
      QUEUE_PREFIX: opts.prefix,
      LOG_LEVEL: "warn",
      ...whatsappEnv(opts.whatsappBaseUrl),
      ...opts.env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const label = opts.label ?? "service";
  // The service logs JSON lines on stderr (warnings and errors at LOG_LEVEL=warn): passed on, prefixed, capped.
  let lines = 0;
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    for (const line of chunk.split("\n")) {
      if (!line.trim()) continue;
      if (++lines <= 30) process.stderr.write(`[${label} ${child.pid}] ${line.slice(0, 400)}\n`);
      else if (lines === 31) process.stderr.write(`[${label} ${child.pid}] … further log lines not shown\n`);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));
  const pid = child.pid!;
  const stop = async () => {
    if (!running) return;
    child.kill("SIGTERM");
    const done = await Promise.race([exited.then(() => true), sleep(12_000).then(() => false)]);
    if (!done && running) {
      log(`${label} ${pid} did not stop in 12 s: SIGKILL`);
      child.kill("SIGKILL");
      await exited;
    }
  };
  cleanup.add(`stop ${label} pid ${pid}`, stop);
  const baseUrl = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  await waitFor(
    `${label} /healthz`,
    async () => {
      if (!running) throw new Error(`${label} exited during start`);
      return (await fetch(`${baseUrl}/healthz`)).ok;
    },
    90_000,
    200,
  );
  log(`${label} pid ${pid} up on ${baseUrl} in ${Math.round(performance.now() - t0)} ms`);
  return { pid, baseUrl, child, rssBytes: () => rssOf(pid), cpuSeconds: () => cpuSecondsOf(pid), stop };
}

/** CPU seconds of every process whose command is `name` (and whose command line contains `filter`), by pid. */
function cpuByPid(name: string, filter?: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() !== name) continue;
      if (filter && !readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(filter)) continue;
      out.set(Number(entry), cpuSecondsOf(Number(entry)));
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, s] of after) sum += s - (before.get(pid) ?? 0);
  return sum;
}

export interface CpuUse {
  /** In cores (1.0 = one core all the time): the service process, the PostgreSQL backends of its database, Redis, this process. */
  serviceCores: number;
  postgresCores: number;
  redisCores: number;
  benchCores: number;
  /** Everything else the machine ran meanwhile (other people's work on a shared machine): noise. */
  otherCores: number;
  machineBusyPct: number;
  cores: number;
}

/**
 * CPU use over a stretch of a benchmark, by process: the service, PostgreSQL's backends serving
 * `database`, Redis, this process, and whatever else kept the machine busy (which makes a run noisy).
 */
export function cpuProbe(svc: ServiceProcess, database: string): () => CpuUse {
  const wall0 = performance.now();
  const svc0 = svc.cpuSeconds();
  const m0 = machineCpu();
  const pg0 = cpuByPid("postgres", ` ${database} `);
  const redis0 = cpuByPid("redis-server");
  const bench0 = process.cpuUsage();
  return () => {
    const wall = (performance.now() - wall0) / 1000;
    const m1 = machineCpu();
    const bench = process.cpuUsage(bench0);
    const cores = (seconds: number) => Math.round((seconds / wall) * 100) / 100;
    const use: CpuUse = {
      serviceCores: cores(svc.cpuSeconds() - svc0),
      postgresCores: cores(cpuDelta(pg0, cpuByPid("postgres", ` ${database} `))),
      redisCores: cores(cpuDelta(redis0, cpuByPid("redis-server"))),
      benchCores: cores((bench.user + bench.system) / 1e6),
      machineBusyPct: Math.round(((m1.busy - m0.busy) / (m1.total - m0.total)) * 1000) / 10,
      cores: os.cpus().length,
      otherCores: 0,
    };
    const machineCores = ((m1.busy - m0.busy) / (m1.total - m0.total)) * use.cores;
    use.otherCores = Math.max(0, Math.round((machineCores - use.serviceCores - use.postgresCores - use.redisCores - use.benchCores) * 100) / 100);
    return use;
  };
}
