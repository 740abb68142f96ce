import type { FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import type { AppDeps, Dispatcher } from "./deps.ts";
import { readerFrom } from "./app/lexicon.ts";
import { warmUp } from "./app/warm-up.ts";
import { fireRegistry } from "./fire-kinds.ts";
import type { FireRegistry } from "./fires/registry.ts";
import { bullmqFireTimer } from "./fires/timer.ts";
import type { Config } from "./config/config.ts";
import type { ChannelAdapter } from "./core/adapter.ts";
import { sendOnly, type Channel, type ChannelHost } from "./core/channel.ts";
import { ingest } from "./app/inbound/ingest.ts";
import { groupedInboundLog } from "./app/inbound/inbound-log.ts";
import { startOperatorSocket } from "./admin/operator-socket.ts";
import { setReachable } from "./app/inbound/reachability.ts";
import type { ChannelName } from "./core/inbound.ts";
import type { Logger } from "./core/logger.ts";
import { createMetrics, type Metrics } from "./core/metrics.ts";
import { openDatabase, withTimeout, type Database } from "./db/database.ts";
import { migrateOpenDatabase } from "./db/migrate-open.ts";
import { buildServer } from "./http/server.ts";
import { createI18n } from "./i18n/i18n.ts";
import { allQueues, createQueues, queueDispatcher, type Queues } from "./queues/queues.ts";
import { closeRedis, createRedis } from "./queues/redis.ts";
import { startWorkers, type Workers } from "./queues/workers.ts";
import type { Leadership } from "./leader/leadership.ts";
import { startPeriodicLoops } from "./leader/periodic.ts";
import { DEFAULT_FLOOD_LIMITS } from "./app/turn/flood.ts";
import { buildEngines, type BuildOptions } from "./engines/config.ts";
import { createEngineMetrics } from "./engines/metrics.ts";
import { messageTranslator, type MessageTranslator } from "./engines/translate/message-translator.ts";
import type { Translator } from "./engines/translate/translator.ts";
import { detectLanguage } from "./engine/language/detect.ts";
import { DbTranslationCache } from "./bridge/db-cache.ts";
import { buildVoiceNotes } from "./voice/build.ts";
import { startVoiceWorker } from "./voice/queue.ts";

export type Role = "all" | "web" | "worker";

export interface ServiceOptions {
  role: Role;
  log: Logger;
  /** The platforms, whole (adapter, rules, routes); main.ts builds them from the configuration (channels/enabled.ts). */
  channels?: readonly Channel[];
  /** Platforms that only send (the terminal console, a test's platform), by channel. */
  adapters?: Partial<Record<ChannelName, ChannelAdapter>>;
  /** Registers more routes on the server, after the channels' own. */
  routes?: (app: FastifyInstance, ctx: ServiceContext) => void | Promise<void>;
  now?: () => Date;
  migrate?: boolean;
  /** How the translation clients reach their providers (tests: a fetch, fake servers' URLs for DeepL and Google). */
  engines?: Pick<BuildOptions, "fetch" | "urls">;
}

export interface ServiceContext {
  config: Config;
  deps: AppDeps;
  db: Database;
  redis: Redis;
  queues: Queues;
  metrics: Metrics;
  /** Every kind of scheduled fire and its handler: what the fire worker and the reconciler run. */
  fireKinds: FireRegistry;
}

export interface Service extends ServiceContext {
  http?: FastifyInstance;
  workers?: Workers;
  /** The periodic loops (reconciler, sweeper, retention), run by one worker process at a time. */
  periodic?: Leadership;
  /** Stops in order: HTTP first, then workers (finishing the jobs in hand), then Redis and the database. */
  stop(): Promise<void>;
}

/** Builds and starts everything a role needs: the composition root, shared by `npm start` and the tests. */
export async function startService(config: Config, opts: ServiceOptions): Promise<Service> {
  const { log } = opts;
  const db = await openDatabase(config.database, (err) => log.warn({ err: err.message }, "database connection lost; reconnecting"));
  if (opts.migrate !== false) {
    for (const name of await migrateOpenDatabase(db, config.database)) log.info({ migration: name }, "migration applied");
  }
  const redis = createRedis(config.redis.url);
  redis.on("error", (err) => log.warn({ err: err.message }, "redis connection error"));
  const queues = createQueues(redis, config.redis.prefix, (err) => log.warn({ err: err.message }, "queue error"));
  const dispatcher: Dispatcher = queueDispatcher(queues);
  const i18n = await createI18n();
  const metrics = createMetrics();
  const deps: AppDeps = {
    prisma: db.prisma,
    i18n,
    reader: readerFrom(i18n),
    defaultLocale: config.defaultLocale,
    defaultTimezone: config.defaultTimezone,
    channels: channelMap(opts),
    dispatcher,
    inboundLog: groupedInboundLog({ prisma: db.prisma, dispatcher }),
    log,
    now: opts.now ?? (() => new Date()),
    flood: { ...DEFAULT_FLOOD_LIMITS, perMinute: config.floodMaxPerMinute },
    console: config.console ? { publicUrl: config.console.publicUrl } : undefined,
  };
  deps.fires = bullmqFireTimer(queues.fires);
  // Engine metrics exist only when an engine is configured: without one, /metrics is as before.
  const observe = config.engines.providers.length > 0 || config.engines.transcribe ? createEngineMetrics(metrics.registry).observe : undefined;
  const engines = buildEngines(config.engines, { ...opts.engines, observe });
  deps.translate = translation(config, opts, metrics, engines.translators, db);
  const voice = buildVoiceNotes(config, { metrics, redis, transcriber: engines.transcriber });
  deps.voice = voice.notes;
  const fireKinds = fireRegistry(deps);
  const ctx: ServiceContext = { config, deps, db, redis, queues, metrics, fireKinds };

  await warmUp(deps, () => db.ping(5000));
  let workers: Workers | undefined;
  let periodic: Leadership | undefined;
  const voiceWorker = opts.role !== "web" && voice.queue ? startVoiceWorker(deps, redis, config.redis.prefix) : undefined;
  if (opts.role !== "web") {
    workers = startWorkers(deps, queues, redis, { prefix: config.redis.prefix, fires: fireKinds, rates: { whatsapp: config.whatsapp?.messagesPerSecond } });
    // Reconciler, sweeper and retention: one worker process at a time runs them (a lock in Redis).
    periodic = startPeriodicLoops(deps, fireKinds, deps.fires, { redisUrl: config.redis.url, prefix: config.redis.prefix, retentionMonths: config.retentionMonths, metrics });
  }
  let http: FastifyInstance | undefined;
  if (opts.role !== "worker") {
    http = buildServer({
      log,
      metrics,
      health: [
        { name: "database", check: () => db.ping(1500) },
        { name: "redis", check: () => withTimeout(redis.ping(), 1500, "redis").then(() => undefined) },
      ],
    });
    for (const channel of opts.channels ?? []) channel.routes?.(http, channelHost(ctx, channel));
    // The coordinators' web console: only with PUBLIC_URL (and CONSOLE_SECRET, which config requires with it).
    // Loaded only when switched on: the console's pages and BullMQ's dashboard are not in every process's memory.
    if (config.console) await (await import("./console/plugin.ts")).registerConsole(http, { config: config.console, deps, queues: [...allQueues(queues), ...(voice.queue ? [voice.queue] : [])] });
    await opts.routes?.(http, ctx);
    await http.listen({ port: config.http.port, host: config.http.host });
  }

  // `npm run admin` asks the running service first (admin/operator-socket.ts).
  const operator = await startOperatorSocket({ config, db, log });

  let stopping: Promise<void> | undefined;
  return {
    ...ctx,
    http,
    workers,
    periodic,
    stop() {
      stopping ??= (async () => {
        await operator?.close();
        await http?.close();
        await periodic?.stop();
        await workers?.close();
        await voiceWorker?.close();
        await voice.queue?.close();
        await queues.close();
        await closeRedis(redis);
        await db.close();
      })();
      return stopping;
    },
  };
}

/**
 * Translation, built once from the configuration (TRANSLATE_PROVIDERS…), its requests counted on the
 * service's registry (/metrics); undefined without a provider: then nothing is translated.
 */
function translation(config: Config, opts: ServiceOptions, metrics: Metrics, translators: Translator[], db: Database): MessageTranslator | undefined {
  if (config.engines.providers.length === 0) return undefined;
  return messageTranslator({
    providers: translators,
    timeoutMs: config.engines.translateTimeoutMs,
    guessLanguage: detectLanguage,
    log: opts.log,
    registry: metrics.registry,
    // In the database: shared by every process, found by the console's pages, erased with each person.
    cache: new DbTranslationCache(db.prisma),
  });
}

/** The channels by name: whole channels, then send-only adapters (a test's stand-in replaces a channel's sending). */
function channelMap(opts: Pick<ServiceOptions, "channels" | "adapters">): Partial<Record<ChannelName, Channel>> {
  const map: Partial<Record<ChannelName, Channel>> = {};
  for (const channel of opts.channels ?? []) map[channel.name] = channel;
  for (const adapter of Object.values(opts.adapters ?? {})) if (adapter) map[adapter.channel] = sendOnly(adapter);
  return map;
}

/** What a channel's routes get from the app: its entry points, bound to the channel. */
function channelHost(ctx: ServiceContext, channel: Channel): ChannelHost {
  const { deps, config, metrics } = ctx;
  return {
    ingest: (batch) => ingest(deps, batch),
    reachability: (externalId, reachable, reason) => setReachable(deps, channel.name, externalId, reachable, reason),
    log: deps.log,
    metrics,
    redis: { url: config.redis.url, prefix: config.redis.prefix },
  };
}
