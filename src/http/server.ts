import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Logger } from "../core/logger.ts";
import type { Metrics } from "../core/metrics.ts";

/** Webhook bodies above this size are refused with 413 before they are read in full. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

declare module "fastify" {
  interface FastifyRequest {
    /** The body exactly as received, for signature checks (WhatsApp's X-Hub-Signature-256). */
    rawBody?: Buffer;
  }
}

export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

export interface ServerOptions {
  log: Logger;
  metrics: Metrics;
  health: HealthCheck[];
}

/**
 * The HTTP server: health, metrics, and the webhook routes the channels register.
 * JSON bodies are parsed here once, keeping the raw bytes beside the parsed value.
 */
export function buildServer(opts: ServerOptions): FastifyInstance {
  // Request logs would drown the rest at webhook rates: the http logger keeps warnings and errors.
  const app: FastifyInstance = Fastify({
    loggerInstance: opts.log.child({ component: "http" }, { level: "warn" }) as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
  });

  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (req, body, done) => {
    const raw = body as Buffer;
    req.rawBody = raw;
    if (raw.length === 0) return done(null, undefined);
    try {
      done(null, JSON.parse(raw.toString("utf8")));
    } catch {
      const err = new Error("Body is not valid JSON") as Error & { statusCode: number };
      err.statusCode = 400;
      done(err, undefined);
    }
  });

  app.get("/healthz", async (_req, reply) => {
    const results = await Promise.all(
      opts.health.map(async (h) => {
        try {
          await h.check();
          return [h.name, "ok"] as const;
        } catch (err) {
          return [h.name, `down: ${(err as Error).message}`] as const;
        }
      }),
    );
    const checks = Object.fromEntries(results);
    const ok = results.every(([, status]) => status === "ok");
    return reply.code(ok ? 200 : 503).send({ status: ok ? "ok" : "unavailable", checks });
  });

  app.get("/metrics", async (_req, reply) => {
    return reply.header("content-type", opts.metrics.registry.contentType).send(await opts.metrics.registry.metrics());
  });

  return app;
}
