import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { DeliveryStatus, InboundMessage } from "../../core/inbound.ts";
import type { Logger } from "../../core/logger.ts";
import type { Metrics } from "../../core/metrics.ts";
import type { WhatsAppConfig } from "./adapter.ts";
import { webhookToBatch } from "./parse.ts";
import { safeEqual, SIGNATURE_HEADER, verifyWhatsAppSignature } from "./signature.ts";
import { webhookSchema } from "./webhook-schema.ts";

export const WHATSAPP_WEBHOOK_PATH = "/webhooks/whatsapp";

/** Meta's challenge is a number; anything printable up to this length is echoed, nothing longer. */
const CHALLENGE_MAX = 256;

export interface WhatsAppRouteOptions {
  config: WhatsAppConfig;
  /** Records the batch (DB insert + queue add) and resolves; throws when it could not (database down). */
  ingest: (batch: { messages: InboundMessage[]; statuses: DeliveryStatus[] }) => Promise<unknown>;
  log: Logger;
  metrics: Metrics;
}

type Outcome = "accepted" | "unauthorized" | "invalid" | "error";

/**
 * The WhatsApp webhook:
 * - `GET /webhooks/whatsapp`: Meta's subscription handshake; echoes `hub.challenge` when
 *   `hub.mode` is "subscribe" and `hub.verify_token` matches (constant time), 403 otherwise.
 * - `POST /webhooks/whatsapp`: signature first (401 without a valid `X-Hub-Signature-256`, whatever
 *   the body), then JSON and schema (400), then `ingest` (200 once recorded, 503 when it throws so
 *   that Meta redelivers). Bodies over the server's limit get 413 before any of this.
 *
 * The routes live in their own plugin scope with a JSON parser that keeps the raw bytes and leaves
 * parsing to the handler: so an unsigned request is refused as unauthorized before its body is
 * interpreted, and an unsigned non-JSON body gets 401 (a signed one gets 400).
 */
export function registerWhatsAppRoutes(app: FastifyInstance, opts: WhatsAppRouteOptions): void {
  const { config, log, metrics } = opts;
  const count = (outcome: Outcome) => metrics.webhooks.inc({ channel: "whatsapp", outcome });

  app.register(async (scope) => {
    scope.removeContentTypeParser("application/json");
    scope.addContentTypeParser("application/json", { parseAs: "buffer" }, (req, body, done) => {
      req.rawBody = body as Buffer;
      done(null, body);
    });

    scope.get(WHATSAPP_WEBHOOK_PATH, async (req: FastifyRequest, reply: FastifyReply) => {
      const q = req.query as Record<string, unknown>;
      const mode = q["hub.mode"];
      const token = q["hub.verify_token"];
      const challenge = q["hub.challenge"];
      if (mode !== "subscribe" || typeof token !== "string" || !safeEqual(token, config.verifyToken)) {
        log.warn({ mode: typeof mode === "string" ? mode : undefined }, "whatsapp webhook verification refused");
        return reply.code(403).type("text/plain").send("Forbidden");
      }
      if (typeof challenge !== "string" || challenge.length === 0 || challenge.length > CHALLENGE_MAX || !/^[\x21-\x7e]+$/u.test(challenge)) {
        return reply.code(400).type("text/plain").send("Bad challenge");
      }
      log.info("whatsapp webhook verified");
      return reply.code(200).type("text/plain").header("x-content-type-options", "nosniff").send(challenge);
    });

    scope.post(WHATSAPP_WEBHOOK_PATH, async (req: FastifyRequest, reply: FastifyReply) => {
      const raw = req.rawBody ?? (Buffer.isBuffer(req.body) ? req.body : undefined);
      if (!verifyWhatsAppSignature(raw, req.headers[SIGNATURE_HEADER], config.appSecret)) {
        count("unauthorized");
        log.warn({ hasSignature: req.headers[SIGNATURE_HEADER] !== undefined }, "whatsapp webhook refused: bad signature");
        return reply.code(401).send({ error: "invalid signature" });
      }

      let json: unknown;
      try {
        json = JSON.parse((raw ?? Buffer.alloc(0)).toString("utf8"));
      } catch {
        count("invalid");
        log.warn({ bytes: raw?.length ?? 0 }, "whatsapp webhook refused: body is not JSON");
        return reply.code(400).send({ error: "body is not valid JSON" });
      }

      const parsed = webhookSchema.safeParse(json);
      if (!parsed.success) {
        count("invalid");
        // Paths and messages only: the values are people's messages and phone numbers.
        const issues = parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.join("."), code: i.code, message: i.message }));
        log.warn({ issues }, "whatsapp webhook refused: not a valid webhook body");
        return reply.code(400).send({ error: "not a valid WhatsApp webhook body" });
      }

      const batch = webhookToBatch(parsed.data, { phoneNumberId: config.phoneNumberId });
      if (batch.problems) log.warn(batch.problems, "whatsapp webhook: part of it could not be used (kept what could)");
      const unreadable = batch.messages.filter((m) => m.unreadable).map((m) => m.unreadable!.code);
      if (unreadable.length) log.info({ codes: unreadable }, "whatsapp webhook: messages WhatsApp could not give us, to be answered");
      try {
        await opts.ingest(batch);
      } catch (err) {
        count("error");
        log.error({ err, messages: batch.messages.length, statuses: batch.statuses.length }, "whatsapp webhook: ingest failed, Meta will redeliver");
        return reply.code(503).send({ error: "temporarily unavailable" });
      }
      count("accepted");
      return reply.code(200).send({ status: "ok" });
    });
  });
}
