import { spawn, type ChildProcess } from "node:child_process";
import { PassThrough } from "node:stream";
import { consoleAdapter } from "../../src/channels/console/adapter.ts";
import { enabledChannels } from "../../src/channels/enabled.ts";
import { loadConfig } from "../../src/config/config.ts";
import type { ChannelAdapter } from "../../src/core/adapter.ts";
import type { ChannelName } from "../../src/core/inbound.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { openDatabase } from "../../src/db/database.ts";
import type { PrismaClient } from "../../src/db/generated/client.ts";
import { startService, type Role, type Service } from "../../src/service.ts";
import type { AppDeps } from "../../src/deps.ts";
import { createQueues, queueDispatcher } from "../../src/queues/queues.ts";
import { closeRedis, createRedis } from "../../src/queues/redis.ts";
import { startFakeWhatsApp, type FakeWhatsApp } from "../fakes/whatsapp-server.ts";
import { WA } from "../support/platforms.ts";
import { migratedDatabase } from "../support/postgres.ts";
import { clearPrefix, REDIS_URL, uniquePrefix } from "../support/redis.ts";

export { whatsappEnv } from "../support/platforms.ts";

/**
 * What the test itself dispatches and sweeps with, as the service's processes do: the test's database
 * client and the fault prefix's real queues (closed with the clean-ups). Only the fields those calls read.
 */
export function queueDeps(fault: FaultEnv): AppDeps {
  const redis = createRedis(REDIS_URL);
  const queues = createQueues(redis, fault.prefix);
  fault.defer(() => closeRedis(redis));
  fault.defer(() => queues.close());
  return { prisma: fault.prisma, dispatcher: queueDispatcher(queues), log: silentLogger, now: () => new Date() } as unknown as AppDeps;
}

/**
 * What every fault test needs: its own database (migrated: a copy of the template) and queue prefix,
 * and a stack of clean-ups run in reverse order from `afterAll` (so they run when a test fails too). Every clean-up is attempted even
 * when an earlier one throws; the first error is rethrown at the end.
 */
export interface FaultEnv {
  db: { url: string; name: string; drop(): Promise<void> };
  prefix: string;
  /** The test's own client of that database (direct, never through a proxy), open until the clean-ups. */
  prisma: PrismaClient;
  /** Registers a clean-up, run in reverse order by `cleanup()`. */
  defer(fn: () => Promise<unknown> | unknown): void;
  /** A fake Graph API on 127.0.0.1 with the test credentials, closed with the clean-ups. */
  whatsapp(): Promise<FakeWhatsApp>;
  cleanup(): Promise<void>;
}

export async function faultEnv(label: string): Promise<FaultEnv> {
  const db = await migratedDatabase(`fault_${label}`);
  const prefix = uniquePrefix(`fault-${label}`);
  const stack: (() => Promise<unknown> | unknown)[] = [];
  const env = {
    db,
    prefix,
    defer: (fn) => void stack.push(fn),
    async whatsapp() {
      const wa = await startFakeWhatsApp({ token: WA.token, phoneNumberId: WA.phoneNumberId });
      stack.push(() => wa.close());
      return wa;
    },
    async cleanup() {
      let first: unknown;
      while (stack.length) {
        const fn = stack.pop()!;
        try {
          await fn();
        } catch (err) {
          first ??= err;
        }
      }
      if (first) throw first;
    },
  } as Omit<FaultEnv, "prisma"> as FaultEnv;
  // Registered first, so run last: the keys of the prefix and the database go once everything is stopped.
  env.defer(() => db.drop());
  env.defer(() => clearPrefix(prefix));
  try {
    const database = await openDatabase({ kind: "postgres", url: db.url });
    env.prisma = database.prisma;
    env.defer(() => database.close());
  } catch (err) {
    await env.cleanup().catch(() => undefined); // the caller never gets `env`: drop the database here
    throw err;
  }
  return env;
}

export interface InProcess {
  service: Service;
  baseUrl: string;
  /** Everything the console channel printed, across every service started with the same `out`. */
  consoleOutput(): string;
  stop(): Promise<void>;
}

/**
 * The real service in this process (the composition root of `npm start`), on the given database and
 * Redis URLs (which may go through a `tcp-proxy`) and queue prefix, with the console channel plus the
 * platforms `env` enables. Its `stop()` is registered with the environment's clean-ups.
 */
export async function startInProcess(
  fault: FaultEnv,
  opts: {
    databaseUrl?: string;
    redisUrl?: string;
    env?: Record<string, string>;
    role?: Role;
    now?: () => Date;
    out?: PassThrough;
    adapters?: Partial<Record<ChannelName, ChannelAdapter>>;
  } = {},
): Promise<InProcess> {
  const config = loadConfig({
    PORT: "1",
    HOST: "127.0.0.1",
    DATABASE_URL: opts.databaseUrl ?? fault.db.url,
    REDIS_URL: opts.redisUrl ?? REDIS_URL,
    QUEUE_PREFIX: fault.prefix,
    LOG_LEVEL: "silent",
    ...opts.env,
  });
  config.http.port = 0;
  const out = opts.out ?? new PassThrough();
  let printed = "";
  out.on("data", (chunk: Buffer) => (printed += chunk.toString("utf8")));
  const service = await startService(config, {
    role: opts.role ?? "all",
    log: silentLogger,
    now: opts.now,
    migrate: false,
    channels: enabledChannels(config),
    adapters: { console: consoleAdapter(out), ...opts.adapters },
  });
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= service.stop());
  fault.defer(stop);
  const address = service.http?.server.address();
  const baseUrl = address && typeof address === "object" ? `http://127.0.0.1:${address.port}` : "";
  return { service, baseUrl, consoleOutput: () => printed, stop };
}

export interface ChildService {
  pid: number;
  child: ChildProcess;
  /** Resolves once the process logged that it started. */
  ready: Promise<void>;
  exited: Promise<number | null>;
  /** The process's log lines (JSON, stderr) so far. */
  logs(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * `node --import tsx src/main.ts --role ROLE` with the given environment: a real process, so a test
 * can SIGKILL it. Killed (by pid) by the environment's clean-ups if still alive. The default PORT is a
 * placeholder for the worker role (no HTTP server): give a free one in `env` for the other roles.
 */
export function spawnService(fault: FaultEnv, role: Role, env: Record<string, string>): ChildService {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "--role", role], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: fault.db.url, REDIS_URL, QUEUE_PREFIX: fault.prefix, LOG_LEVEL: "info", HOST: "127.0.0.1", PORT: "1", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  if (child.pid === undefined) throw new Error("could not spawn the service process");
  const pid = child.pid;
  let logs = "";
  let alive = true;
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      alive = false;
      resolve(code);
    }),
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr!.on("data", (chunk: Buffer) => {
      logs += chunk.toString("utf8");
      if (logs.includes("migracoop assistant started")) resolve();
    });
    void exited.then((code) => reject(new Error(`service process exited with ${code} before it started:\n${logs.slice(-2000)}`)));
  });
  ready.catch(() => undefined);
  const kill = async (signal: NodeJS.Signals) => {
    if (!alive) return;
    process.kill(pid, signal);
    await exited;
  };
  fault.defer(() => kill("SIGKILL"));
  return { pid, child, ready, exited, logs: () => logs, kill };
}

export { sleep, waitFor } from "../support/eventually.ts";

/** Counts of a list of values, e.g. sends per recipient. */
export function tally<T>(values: Iterable<T>): Map<T, number> {
  const out = new Map<T, number>();
  for (const v of values) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
}

/** A programme (README "Programme file") for `importProgramme`, session times given as instants. */
export function programmeOf(cohort: {
  key: string;
  offsets?: string[];
  sessions?: { key: string; title: string; startsAt: Date }[];
  members: { channel: ChannelName; externalId: string; name?: string; locale?: string }[];
  coordinators?: { channel: ChannelName; externalId: string; name?: string; locale?: string }[];
}) {
  return {
    cohorts: [
      {
        key: cohort.key,
        name: `Cohort ${cohort.key}`,
        timezone: "Europe/Paris",
        startsOn: "2026-01-01",
        endsOn: "2030-12-31",
        reminderOffsets: cohort.offsets ?? ["-PT1H"],
        sessions: (cohort.sessions ?? []).map((s) => ({
          key: s.key,
          title: s.title,
          startsAt: s.startsAt.toISOString(),
          endsAt: new Date(s.startsAt.getTime() + 3 * 3600_000).toISOString(),
          location: "Migracoop, Paris 11e",
        })),
        members: cohort.members.map((m) => ({ ...m, name: m.name ?? `M ${m.externalId}` })),
        coordinators: (cohort.coordinators ?? []).map((c) => ({ ...c, name: c.name ?? `C ${c.externalId}` })),
      },
    ],
  };
}
