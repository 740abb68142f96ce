import { PassThrough } from "node:stream";
import { consoleAdapter } from "../../src/channels/console/adapter.ts";
import { loadConfig } from "../../src/config/config.ts";
import type { ChannelAdapter } from "../../src/core/adapter.ts";
import type { ChannelName } from "../../src/core/inbound.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { startService, type Role, type Service, type ServiceOptions } from "../../src/service.ts";
import { migratedDatabase } from "./postgres.ts";
import { clearPrefix, REDIS_URL, uniquePrefix } from "./redis.ts";

export interface TestService {
  service: Service;
  baseUrl: string;
  /** Everything the console channel printed. */
  consoleOutput(): string;
  stop(): Promise<void>;
}

/**
 * The real service on a PostgreSQL database of its own, copied from the migrated template (the service
 * still checks for pending migrations at start, and finds none), and its own queue prefix, HTTP on a free port,
 * with the console channel enabled so replies can be read.
 */
export async function startTestService(
  opts: { role?: Role; env?: Record<string, string>; adapters?: Partial<Record<ChannelName, ChannelAdapter>> } & Partial<ServiceOptions> = {},
): Promise<TestService> {
  // A DATABASE_URL given (even empty: the embedded database) means no PostgreSQL database of its own.
  const db = opts.env?.DATABASE_URL !== undefined ? undefined : await migratedDatabase("svc");
  const prefix = uniquePrefix("svc");
  const config = loadConfig({
    PORT: "1",
    HOST: "127.0.0.1",
    DATABASE_URL: db?.url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: "silent",
    ...opts.env,
  });
  config.http.port = 0;
  const out = new PassThrough();
  let printed = "";
  out.on("data", (chunk: Buffer) => (printed += chunk.toString("utf8")));
  const service = await startService(config, {
    ...opts,
    role: opts.role ?? "all",
    log: silentLogger,
    adapters: { console: consoleAdapter(out), ...opts.adapters },
  });
  const address = service.http?.server.address();
  const baseUrl = address && typeof address === "object" ? `http://127.0.0.1:${address.port}` : "";
  return {
    service,
    baseUrl,
    consoleOutput: () => printed,
    async stop() {
      await service.stop();
      await clearPrefix(prefix);
      await db?.drop();
    },
  };
}

export { eventually } from "./eventually.ts";
