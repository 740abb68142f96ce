import type { FastifyInstance } from "fastify";
import { linkForAddress } from "../signin/links.ts";
import { operatorRequestValid } from "../signin/operator-request.ts";
import type { ConsoleKit } from "./kit.ts";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/**
 * `POST /console/operator/link`: a sign-in link made by the running service for `admin -- console:link`
 * when the command cannot open the database itself (the embedded one, held by the service). Answers
 * only on this machine (loopback) and to a request signed with CONSOLE_SECRET within the last minute
 * (signin/operator-request.ts); anything else is a 404, as if the route did not exist.
 */
export function operatorLinkRoute(app: FastifyInstance, kit: ConsoleKit): void {
  app.post<{ Body: { channel?: string; id?: string; at?: string; sig?: string } }>("/operator/link", { config: { consolePublic: true } }, async (req, reply) => {
    const b = req.body ?? {};
    const channel = b.channel === "telegram" || b.channel === "whatsapp" ? b.channel : undefined;
    const request = { channel: channel ?? "", externalId: typeof b.id === "string" ? b.id : "", at: Number(b.at), sig: b.sig };
    if (!LOOPBACK.has(req.socket.remoteAddress ?? "") || !channel || !operatorRequestValid(kit.config.secret, request, kit.deps.now().getTime())) {
      return reply.code(404).type("application/json").send({ error: "not_found" });
    }
    const made = await linkForAddress(kit.deps.prisma, { channel, externalId: request.externalId }, kit.config.publicUrl, kit.deps.now());
    return reply.code("url" in made ? 200 : 422).type("application/json").send(made);
  });
}
