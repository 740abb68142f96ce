import { PassThrough } from "node:stream";
import { DateTime } from "luxon";
import type { Dispatcher } from "../../../src/deps.ts";
import { consoleAdapter } from "../../../src/channels/console/adapter.ts";
import { sendOnly } from "../../../src/core/channel.ts";
import type { ChannelName } from "../../../src/core/inbound.ts";
import { silentLogger } from "../../../src/core/logger.ts";
import { openDatabase } from "../../../src/db/database.ts";
import type { PrismaClient } from "../../../src/db/generated/client.ts";
import { createI18n } from "../../../src/i18n/i18n.ts";
import type { FireDeps } from "../../../src/reminders/fire.ts";
import { bullmqFireTimer, type FireTimer } from "../../../src/fires/timer.ts";
import { createQueues, type Queues } from "../../../src/queues/queues.ts";
import { closeRedis, createRedis } from "../../../src/queues/redis.ts";
import { freshDatabase, migratedDatabase } from "../../support/postgres.ts";
import { clearPrefix, REDIS_URL, uniquePrefix } from "../../support/redis.ts";

export interface ReminderEnv {
  prisma: PrismaClient;
  deps: FireDeps;
  /** The app's clock: tests move it to make fires due or sessions begun. */
  clock: { now: Date };
  /** Every dispatch of outbound rows, in order. */
  dispatched: Array<{ channel: ChannelName; ids: string[] }>;
  queues: Queues;
  /** The queue prefix in Redis of this environment. */
  prefix: string;
  timer: FireTimer;
  close(): Promise<void>;
}

/**
 * A PostgreSQL database of its own with the migrations (a copy of the migrated template), the real texts,
 * a console adapter, a dispatcher that records instead of queuing, and the real `fires` queue (no worker) under a prefix of its own.
 * `fill` gives an empty database its tables and rows instead of the migrations (a backup restored into it).
 */
export async function reminderEnv(opts: { fill?: (url: string) => Promise<void> } = {}): Promise<ReminderEnv> {
  const fresh = opts.fill ? await freshDatabase("rem") : await migratedDatabase("rem");
  if (opts.fill) await opts.fill(fresh.url);
  const db = await openDatabase({ kind: "postgres", url: fresh.url });
  const prefix = uniquePrefix("rem");
  const redis = createRedis(REDIS_URL);
  const queues = createQueues(redis, prefix);
  const clock = { now: new Date() };
  const dispatched: ReminderEnv["dispatched"] = [];
  const dispatcher: Dispatcher = {
    async inbound() {},
    async outbound(channel, ids) {
      dispatched.push({ channel, ids });
    },
    async outboundEach(channel, ids) {
      for (const id of ids) dispatched.push({ channel, ids: [id] });
    },
    async broadcast() {},
  };
  const deps: FireDeps = {
    prisma: db.prisma,
    i18n: await createI18n(),
    defaultLocale: "fr",
    channels: { console: sendOnly(consoleAdapter(new PassThrough())) },
    dispatcher,
    log: silentLogger,
    now: () => clock.now,
  };
  return {
    prisma: db.prisma,
    deps,
    clock,
    dispatched,
    queues,
    prefix,
    timer: bullmqFireTimer(queues.fires),
    async close() {
      await queues.close();
      await closeRedis(redis);
      await clearPrefix(prefix);
      await db.close();
      await fresh.drop();
    },
  };
}

export interface SessionSpec {
  key: string;
  title?: string;
  startsAt: Date;
  location?: string;
}

export interface CohortSpec {
  key: string;
  timezone?: string;
  offsets?: string[];
  sessions: SessionSpec[];
  members: Array<{ externalId: string; locale?: string; name?: string }>;
}

/** A programme file (README "Programme file") with console members; session times given as instants. */
export function programme(...cohorts: CohortSpec[]) {
  return {
    cohorts: cohorts.map((c) => ({
      key: c.key,
      name: `Cohort ${c.key}`,
      timezone: c.timezone ?? "Europe/Paris",
      startsOn: "2026-01-01",
      endsOn: "2030-12-31",
      reminderOffsets: c.offsets ?? ["-P1D", "-PT2H"],
      sessions: c.sessions.map((s) => ({
        key: s.key,
        title: s.title ?? `Session ${s.key}`,
        startsAt: s.startsAt.toISOString(),
        endsAt: new Date(s.startsAt.getTime() + 3 * 3600_000).toISOString(),
        ...(s.location ? { location: s.location } : {}),
      })),
      members: c.members.map((m) => ({ channel: "console", externalId: m.externalId, name: m.name ?? m.externalId, ...(m.locale ? { locale: m.locale } : {}) })),
      coordinators: [],
    })),
  };
}

/** 09:30 in Paris, `days` days after `from`. */
export function morningIn(days: number, from = new Date()): Date {
  return DateTime.fromJSDate(from, { zone: "Europe/Paris" }).plus({ days }).set({ hour: 9, minute: 30, second: 0, millisecond: 0 }).toJSDate();
}

export async function sessionId(prisma: PrismaClient, cohortKey: string, key: string): Promise<string> {
  return (await prisma.trainingSession.findFirstOrThrow({ where: { key, cohort: { key: cohortKey } }, select: { id: true } })).id;
}

export async function personId(prisma: PrismaClient, externalId: string): Promise<string> {
  return (await prisma.identity.findFirstOrThrow({ where: { channel: "console", externalId }, select: { personId: true } })).personId;
}

export function firesOf(prisma: PrismaClient, where: { sessionId?: string; personId?: string }) {
  return prisma.scheduledFire.findMany({ where: { ...where, kind: "session_reminder" }, orderBy: { dedupeKey: "asc" } });
}
