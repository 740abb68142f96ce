import { createHash, timingSafeEqual } from "node:crypto";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { InboundMessage } from "../../core/inbound.ts";
import type { Logger } from "../../core/logger.ts";
import type { Metrics } from "../../core/metrics.ts";
import { handleTelegramUpdate } from "./handle.ts";

export const TELEGRAM_WEBHOOK_PATH = "/webhooks/telegram";
/** Set by Telegram on every webhook call when setWebhook was given a secret_token. */
export const SECRET_HEADER = "x-telegram-bot-api-secret-token";

export interface TelegramRouteOptions {
  bot: Bot;
  secretToken: string;
  ingest: (batch: { messages: InboundMessage[] }) => Promise<unknown>;
  onBlocked?: (externalId: string) => Promise<void>;
  onUnblocked?: (externalId: string) => Promise<void>;
  log: Logger;
  metrics: Metrics;
  now?: () => Date;
}

/**
 * The minimum we check before trusting the shape: an object with an integer update_id. The rest is
 * read defensively by parse.ts; a full schema of every update type would reject the new fields
 * Telegram adds every few months.
 */
const updateSchema = z.looseObject({ update_id: z.number().int().nonnegative() });

/**
 * `POST /webhooks/telegram`.
 *
 * We handle the route ourselves rather than with grammY's `webhookCallback(bot, "fastify")`:
 * our server already parsed the JSON (request.body), and webhookCallback would
 * - call `getMe` on the first request (an outage at Telegram's side would fail our webhook),
 * - pass any body, even none, straight to grammY (a crash → 500 instead of a clean 400),
 * - turn an ingest failure or its own 10 s timeout into a generic 500, where we want 503 only when
 *   the update must be redelivered, and count each outcome.
 *
 * Order of checks: the secret (401, before the body is even parsed), the body (400), then the shared
 * handler (handle.ts): 200 once the update is safely recorded, 503 when ingest throws (the database
 * is down), so Telegram delivers it again later. Callback queries are answered in every case.
 */
export function registerTelegramRoutes(app: FastifyInstance, opts: TelegramRouteOptions): void {
  const { metrics } = opts;
  const count = (outcome: string) => metrics.webhooks.inc({ channel: "telegram", outcome });
  const expected = digest(opts.secretToken);

  app.post(TELEGRAM_WEBHOOK_PATH, {
    // onRequest runs before the body is read: an unauthenticated caller gets nothing parsed.
    onRequest: async (req: FastifyRequest, reply: FastifyReply) => {
      const header = req.headers[SECRET_HEADER];
      if (typeof header !== "string" || !timingSafeEqual(digest(header), expected)) {
        count("unauthorized");
        return reply.code(401).send({ error: "unauthorized" });
      }
    },
    handler: async (req, reply) => {
      const parsed = updateSchema.safeParse(req.body);
      if (!parsed.success) {
        count("invalid");
        return reply.code(400).send({ error: "expected a Telegram Update with an integer update_id" });
      }
      const update = parsed.data as unknown as Update;
      try {
        const outcome = await handleTelegramUpdate(update, {
          api: opts.bot.api,
          ingest: opts.ingest,
          onBlocked: opts.onBlocked,
          onUnblocked: opts.onUnblocked,
          log: opts.log,
          now: opts.now,
        });
        count(outcome);
        return reply.code(200).send();
      } catch (err) {
        count("error");
        opts.log.error({ err, updateId: update.update_id }, "telegram update not recorded; Telegram will redeliver it");
        return reply.code(503).send({ error: "temporarily unavailable" });
      }
    },
  });
}

/** Comparing fixed-length digests keeps the comparison constant-time whatever the header's length. */
function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}
