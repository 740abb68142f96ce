import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import type { Queue } from "bullmq";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ConsoleConfig } from "../config/config.ts";
import type { AppDeps } from "../deps.ts";
import { consumeSignInLink } from "../signin/links.ts";
import { checkSession, openSession, revokeSession } from "../signin/sessions.ts";
import { consoleKit } from "./kit.ts";
import { operatorLinkRoute } from "./operator-link.ts";
import { PAGES } from "./pages/index.ts";
import { LIVE_JS } from "./live.ts";
import { CONSOLE_CSS } from "./style.ts";
import { consoleLocale, consoleTexts, type ConsoleLocale } from "./texts.ts";

/** The session cookie: HttpOnly, SameSite=Lax, Secure when PUBLIC_URL is https, sent to /console only. */
export const SESSION_COOKIE = "mc_console";

export interface ConsoleOptions {
  config: ConsoleConfig;
  /** The app's own dependencies: the Applications page decides through the chat's effect handlers. */
  deps: AppDeps;
  /** The service's BullMQ queues, shown to admins on the Queues page (bull-board). */
  queues?: Queue[];
}

/** Link previewers (Telegram, WhatsApp, Facebook…) open links they see: they must not use a sign-in link up. */
const PREVIEW_BOTS = /TelegramBot|WhatsApp|facebookexternalhit|Facebot|Slackbot|Twitterbot|Discordbot|LinkedInBot|SkypeUriPreview/i;

/**
 * The coordinators' web console, under /console: sign-in by one-time link, server-side sessions, the
 * Today page. Registered by the composition root only when PUBLIC_URL is set. Deny by default: every
 * route needs a live session of a person who is a coordinator or an admin at the time of the request,
 * unless the route says `consolePublic`.
 */
export async function consolePlugin(app: FastifyInstance, opts: ConsoleOptions): Promise<void> {
  const { config, deps } = opts;
  const textsFor = await consoleTexts();
  const limit = { max: config.signInPerMinute, timeWindowMs: 60_000 };

  await app.register(cookie);
  await app.register(formbody);
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000 } : false,
    referrerPolicy: { policy: "no-referrer" },
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => Object.assign(new Error("too many sign-in attempts"), { statusCode: 429, tooMany: true }),
  });

  const cookieOptions = { path: "/console", httpOnly: true, sameSite: "lax" as const, secure: config.secureCookies };
  /** The language of a page shown before or after a session: `?lang=` (after signing out), else the browser's, else French. */
  const publicLocale = (req: FastifyRequest): ConsoleLocale => {
    const asked = (req.query as { lang?: unknown } | undefined)?.lang;
    return consoleLocale(typeof asked === "string" ? asked : String(req.headers["accept-language"] ?? "").slice(0, 2).toLowerCase());
  };

  const kit = consoleKit(deps, config, textsFor, opts.queues);
  const notice = kit.notice;

  // Pages hold personal data: never stored by a browser or a proxy (the stylesheet says otherwise).
  app.addHook("onSend", async (_req, reply, payload) => {
    if (!reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
    return payload;
  });

  app.setErrorHandler((err: Error & { statusCode?: number; tooMany?: boolean }, req, reply) => {
    if (err.tooMany || err.statusCode === 429) return notice(reply, 429, publicLocale(req), "signin.too_many_title", ["signin.too_many_body"]);
    if ((err.statusCode ?? 500) < 500) return notice(reply, err.statusCode!, publicLocale(req), "signin.not_found_title", []);
    deps.log.error({ err: err.message }, "console error");
    return reply.code(500).type("text/plain; charset=utf-8").send("Internal error");
  });
  app.setNotFoundHandler((req, reply) => notice(reply, 404, publicLocale(req), "signin.not_found_title", []));

  // Deny by default: the session and the person's current role, on every request.
  app.addHook("preHandler", async (req, reply) => {
    if (req.routeOptions.config.consolePublic) return;
    const checked = await checkSession(deps.prisma, req.cookies[SESSION_COOKIE], deps.now());
    if ("ended" in checked) {
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      if (checked.ended === "not_allowed") await deps.prisma.auditLog.create({ data: { action: "denied", subject: "console", details: { reason: "role" } } });
      const reason = checked.ended === "idle" ? ["signin.ended_idle"] : checked.ended === "not_allowed" ? ["signin.ended_not_allowed"] : [];
      return notice(reply, checked.ended === "not_allowed" ? 403 : 401, publicLocale(req), "signin.signed_out_title", [...reason, "signin.how"]);
    }
    req.consoleUser = checked;
  });

  app.get("/assets/console.css", { config: { consolePublic: true } }, async (_req, reply) => {
    return reply.type("text/css; charset=utf-8").header("cache-control", "public, max-age=3600").send(CONSOLE_CSS);
  });
  app.get("/assets/live.js", { config: { consolePublic: true } }, async (_req, reply) => {
    return reply.type("text/javascript; charset=utf-8").header("cache-control", "public, max-age=3600").send(LIVE_JS);
  });

  app.get<{ Params: { token: string } }>(
    "/login/:token",
    { config: { consolePublic: true, rateLimit: { max: limit.max, timeWindow: limit.timeWindowMs } } },
    async (req, reply) => {
      const lang = publicLocale(req);
      if (PREVIEW_BOTS.test(String(req.headers["user-agent"] ?? ""))) return notice(reply, 200, lang, "signin.preview_title", ["signin.preview_body"]);
      const now = deps.now();
      const used = await consumeSignInLink(deps.prisma, req.params.token, now);
      if ("refused" in used) {
        await deps.prisma.auditLog.create({ data: { action: "console.signin_refused", details: { reason: used.refused } } });
        const status = used.refused === "invalid" ? 404 : used.refused === "not_allowed" ? 403 : 410;
        return notice(reply, status, lang, `signin.${used.refused}_title`, [`signin.${used.refused}_body`, "signin.how"]);
      }
      const session = await openSession(deps.prisma, used.personId, now);
      await deps.prisma.auditLog.create({ data: { actorId: used.personId, action: "console.signin", subject: session.id } });
      reply.setCookie(SESSION_COOKIE, session.token, cookieOptions);
      return reply.redirect("/console", 303);
    },
  );

  app.get("/signed-out", { config: { consolePublic: true } }, async (req, reply) => notice(reply, 200, publicLocale(req), "signin.signed_out_title", ["signin.signed_out_body", "signin.how"]));

  app.post<{ Body: { _csrf?: string } }>("/logout", async (req, reply) => {
    if (!(await kit.formAllowed(req, reply, "console.logout"))) return reply;
    const user = req.consoleUser!;
    await revokeSession(deps.prisma, user.sessionId, deps.now());
    await deps.prisma.auditLog.create({ data: { actorId: user.person.id, action: "console.signout", subject: user.sessionId } });
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.redirect(`/console/signed-out?lang=${consoleLocale(user.person.locale)}`, 303);
  });

  for (const register of PAGES) register(app, kit);
  operatorLinkRoute(app, kit);
}

/** Registers the console under /console (encapsulated: its hooks, headers and parsers touch no other route). */
export async function registerConsole(app: FastifyInstance, opts: ConsoleOptions): Promise<void> {
  await app.register(consolePlugin, { ...opts, prefix: "/console" });
}
