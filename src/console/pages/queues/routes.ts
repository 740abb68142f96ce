import type { FastifyRequest } from "fastify";
import { consoleLocale } from "../../texts.ts";
import type { ConsolePage } from "../../kit.ts";
import { mountBoard } from "./board.ts";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a change request comes from a page of this very site. bull-board's buttons (retry, clean,
 * pause, add…) call its JSON API with PUT, PATCH or POST from its own script. The session cookie is
 * SameSite=Lax, so another site's form cannot carry it, and a browser sends PUT/PATCH to another origin
 * only after a CORS preflight nobody answers. On top of that, every change must show it comes from here:
 * `Sec-Fetch-Site: same-origin` (every current browser sends it), or, from a client without it, an
 * `Origin` that is PUBLIC_URL's or the request's own host. A request with neither is refused.
 */
export function sameOrigin(req: FastifyRequest, publicUrl: string): boolean {
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined) return site === "same-origin";
  const origin = req.headers.origin;
  if (typeof origin !== "string") return false;
  return origin === new URL(publicUrl).origin || origin === `${req.protocol}://${req.host}`;
}

/**
 * Queues (admins only): BullMQ's own dashboard, bull-board, under /console/queues, behind the console's
 * sign-in (its preHandler runs first), then the role (a coordinator is refused, and the refusal audited),
 * then, for changes, the same-origin check above; every change the dashboard makes is audited.
 */
export const queuesPage: ConsolePage = (app, kit) => {
  const { deps, queues } = kit;
  if (!queues) return;
  app.register(
    async (board) => {
      board.addHook("preHandler", async (req, reply) => {
        const person = req.consoleUser!.person;
        if (person.role !== "admin") {
          await deps.prisma.auditLog.create({ data: { actorId: person.id, action: "denied", subject: "queues", details: { reason: "role" } } });
          return kit.notice(reply, 403, consoleLocale(person.locale), "signin.not_allowed_title", ["queues.admins_only"]);
        }
        if (!READS.has(req.method) && !sameOrigin(req, kit.config.publicUrl)) {
          await deps.prisma.auditLog.create({ data: { actorId: person.id, action: "denied", subject: "queues", details: { reason: "origin", method: req.method, path: req.url } } });
          return kit.notice(reply, 403, consoleLocale(person.locale), "signin.csrf_title", ["queues.not_from_here"]);
        }
      });
      // Audited before the answer leaves (onSend): whoever sees the change done finds it in the log.
      board.addHook("onSend", async (req, reply, payload) => {
        if (READS.has(req.method) || reply.statusCode >= 400 || !req.consoleUser || req.consoleUser.person.role !== "admin") return payload;
        const params = (req.params ?? {}) as Record<string, string>;
        await deps.prisma.auditLog.create({
          data: {
            actorId: req.consoleUser.person.id,
            action: "queues.changed",
            subject: [params["queueName"], params["jobId"]].filter(Boolean).join("/") || null,
            details: { method: req.method, route: req.routeOptions.url?.replace(/^\/console\/queues/, "") ?? null, status: reply.statusCode },
          },
        });
        return payload;
      });
      const defaultLang = consoleLocale(deps.defaultLocale);
      await mountBoard(board, queues, { textsFor: kit.textsFor, defaultLang, langOf: (req) => (req.consoleUser ? consoleLocale(req.consoleUser.person.locale) : defaultLang) });
    },
    { prefix: "/queues" },
  );
};
