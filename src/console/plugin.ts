import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import type { TFunction } from "i18next";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ConsoleConfig } from "../config/config.ts";
import type { AppDeps } from "../deps.ts";
import { consumeSignInLink } from "../signin/links.ts";
import { checkSession, openSession, revokeSession, type SignedIn } from "../signin/sessions.ts";
import { csrfToken, csrfValid } from "./csrf.ts";
import { html, page, tx, type Html } from "./html.ts";
import { scopeOf } from "./scope.ts";
import { CONSOLE_CSS } from "./style.ts";
import { consoleLocale, consoleTexts, type ConsoleLocale } from "./texts.ts";
import { APPLICATION_FILTERS, decideApplication, type ApplicationFilter, loadApplications } from "./applications.ts";
import { applicationsBody, DONE } from "./applications-page.ts";
import { INBOX_DONE, inboxBody, threadBody } from "./inbox-page.ts";
import { answerFromConsole, closeFromConsole, INBOX_FILTERS, type InboxFilter, loadInbox, loadThread } from "./inbox.ts";
import { salesCsv } from "../sales/export.ts";
import { cohortInScope, loadSales, readSalesFilters, type SalesQuery } from "./sales.ts";
import { salesBody } from "./sales-page.ts";
import { todayBody } from "./today-page.ts";
import { loadToday } from "./today.ts";

/** The session cookie: HttpOnly, SameSite=Lax, Secure when PUBLIC_URL is https, sent to /console only. */
export const SESSION_COOKIE = "mc_console";

export interface ConsoleOptions {
  config: ConsoleConfig;
  /** The app's own dependencies: the Applications page decides through the chat's effect handlers. */
  deps: AppDeps;
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** A console route anyone may open (sign-in, its pages, the stylesheet); every other one needs a session. */
    consolePublic?: boolean;
  }
  interface FastifyRequest {
    consoleUser?: SignedIn;
  }
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
        scriptSrc: ["'none'"],
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

  const notice = (reply: FastifyReply, status: number, lang: ConsoleLocale, titleKey: string, lines: string[]) => {
    const t = textsFor(lang);
    const body: Html = html`<div class="notice">${lines.map((k) => html`<p>${tx(t, k)}</p>`)}</div>`;
    return reply.code(status).type("text/html; charset=utf-8").send(page({ t, lang, title: t(titleKey) as string, body }));
  };

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
    const user = req.consoleUser!;
    if (!csrfValid(config.secret, user.sessionId, req.body?._csrf)) {
      await deps.prisma.auditLog.create({ data: { actorId: user.person.id, action: "denied", subject: "console.logout", details: { reason: "csrf" } } });
      return notice(reply, 403, consoleLocale(user.person.locale), "signin.csrf_title", ["signin.csrf_body"]);
    }
    await revokeSession(deps.prisma, user.sessionId, deps.now());
    await deps.prisma.auditLog.create({ data: { actorId: user.person.id, action: "console.signout", subject: user.sessionId } });
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.redirect(`/console/signed-out?lang=${consoleLocale(user.person.locale)}`, 303);
  });

  app.get("/", async (req, reply) => {
    const user = req.consoleUser!;
    const lang = consoleLocale(user.person.locale);
    const t = textsFor(lang);
    const scope = await scopeOf(deps.prisma, user.person);
    const data = await loadToday(deps.prisma, scope, deps.now());
    const name = user.person.firstName ?? "";
    const body = todayBody({ t, chatT: deps.i18n.getFixedT(lang) as TFunction, lang, name, zone: user.person.timezone ?? deps.defaultTimezone }, data);
    return reply.type("text/html; charset=utf-8").send(page({ t, lang, title: t("today.title") as string, user: { name, role: user.person.role, csrf: csrfToken(config.secret, user.sessionId) }, current: "today", body }));
  });

  // Applications: the list (filters are plain GET parameters), and the decision forms (POST, then back here).
  app.get<{ Querystring: { status?: string; lang?: string; done?: string } }>("/applications", async (req, reply) => {
    const user = req.consoleUser!;
    const lang = consoleLocale(user.person.locale);
    const t = textsFor(lang);
    const q = req.query ?? {};
    const status: ApplicationFilter = (APPLICATION_FILTERS as readonly string[]).includes(q.status ?? "") ? (q.status as ApplicationFilter) : "submitted";
    const language = typeof q.lang === "string" && /^[a-z]{2,3}$/.test(q.lang) ? q.lang : undefined;
    const done = (DONE as readonly string[]).includes(q.done ?? "") ? q.done : undefined;
    const scope = await scopeOf(deps.prisma, user.person);
    const data = await loadApplications(deps.prisma, scope, deps.now(), { status, ...(language ? { lang: language } : {}) });
    const csrf = csrfToken(config.secret, user.sessionId);
    const body = applicationsBody(
      { t, chatT: deps.i18n.getFixedT(lang) as TFunction, zone: user.person.timezone ?? deps.defaultTimezone, csrf, filter: { status, ...(language ? { lang: language } : {}) }, ...(done ? { done } : {}) },
      data,
    );
    return reply.type("text/html; charset=utf-8").send(page({ t, lang, title: t("applications.title") as string, user: { name: user.person.firstName ?? "", role: user.person.role, csrf }, current: "applications", body }));
  });

  const decide = (decision: "accepted" | "declined") => async (req: FastifyRequest<{ Params: { id: string }; Body: { _csrf?: string; cohortId?: string } }>, reply: FastifyReply) => {
    const user = req.consoleUser!;
    if (!csrfValid(config.secret, user.sessionId, req.body?._csrf)) {
      await deps.prisma.auditLog.create({ data: { actorId: user.person.id, action: "denied", subject: `console.application.${decision}`, details: { reason: "csrf" } } });
      return notice(reply, 403, consoleLocale(user.person.locale), "signin.csrf_title", ["signin.csrf_body"]);
    }
    const uuid = /^[0-9a-f-]{36}$/i;
    const cohortId = typeof req.body?.cohortId === "string" ? req.body.cohortId : undefined;
    let outcome: string;
    if (!uuid.test(req.params.id)) outcome = "gone";
    else if (decision === "accepted" && !(cohortId && uuid.test(cohortId))) outcome = "bad_cohort";
    else {
      const scope = await scopeOf(deps.prisma, user.person);
      outcome = await decideApplication(deps, user.person, scope, { applicationId: req.params.id, decision, ...(cohortId ? { cohortId } : {}) });
    }
    return reply.redirect(`/console/applications?done=${outcome}`, 303);
  };
  app.post("/applications/:id/accept", decide("accepted"));
  app.post("/applications/:id/decline", decide("declined"));

  // Inbox: the relay threads (open by default, `?status=closed`), one thread's conversation, and the answer and close forms (POST, then back to the thread).
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const doneOf = (q: { done?: string } | undefined) => ((INBOX_DONE as readonly string[]).includes(q?.done ?? "") ? q!.done : undefined);
  const inboxView = (req: FastifyRequest) => {
    const user = req.consoleUser!;
    const lang = consoleLocale(user.person.locale);
    const t = textsFor(lang);
    const csrf = csrfToken(config.secret, user.sessionId);
    return { user, lang, t, csrf, chatT: deps.i18n.getFixedT(lang) as TFunction, zone: user.person.timezone ?? deps.defaultTimezone, header: { name: user.person.firstName ?? "", role: user.person.role, csrf } };
  };

  app.get<{ Querystring: { status?: string; done?: string } }>("/inbox", async (req, reply) => {
    const v = inboxView(req);
    const status: InboxFilter = (INBOX_FILTERS as readonly string[]).includes(req.query?.status ?? "") ? (req.query.status as InboxFilter) : "open";
    const done = doneOf(req.query);
    const data = await loadInbox(deps.prisma, await scopeOf(deps.prisma, v.user.person), status);
    const body = inboxBody({ t: v.t, chatT: v.chatT, zone: v.zone, csrf: v.csrf, ...(done ? { done } : {}) }, data, status);
    return reply.type("text/html; charset=utf-8").send(page({ t: v.t, lang: v.lang, title: v.t("inbox.title") as string, user: v.header, current: "inbox", body }));
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>("/inbox/:id", async (req, reply) => {
    const v = inboxView(req);
    const thread = UUID.test(req.params.id) ? await loadThread(deps.prisma, await scopeOf(deps.prisma, v.user.person), req.params.id) : null;
    if (!thread) return notice(reply, 404, v.lang, "signin.not_found_title", []);
    const done = doneOf(req.query);
    const body = threadBody({ t: v.t, chatT: v.chatT, zone: v.zone, csrf: v.csrf, ...(done ? { done } : {}) }, thread);
    return reply.type("text/html; charset=utf-8").send(page({ t: v.t, lang: v.lang, title: thread.name, user: v.header, current: "inbox", body }));
  });

  const threadAction = (action: "answer" | "close") => async (req: FastifyRequest<{ Params: { id: string }; Body: { _csrf?: string; text?: string } }>, reply: FastifyReply) => {
    const user = req.consoleUser!;
    if (!csrfValid(config.secret, user.sessionId, req.body?._csrf)) {
      await deps.prisma.auditLog.create({ data: { actorId: user.person.id, action: "denied", subject: `console.inbox.${action}`, details: { reason: "csrf" } } });
      return notice(reply, 403, consoleLocale(user.person.locale), "signin.csrf_title", ["signin.csrf_body"]);
    }
    if (!UUID.test(req.params.id)) return reply.redirect("/console/inbox?done=gone", 303);
    const scope = await scopeOf(deps.prisma, user.person);
    const outcome =
      action === "answer"
        ? await answerFromConsole(deps, user.person, scope, req.params.id, typeof req.body?.text === "string" ? req.body.text : "")
        : await closeFromConsole(deps, user.person, scope, req.params.id);
    return reply.redirect(outcome === "gone" ? "/console/inbox?done=gone" : `/console/inbox/${req.params.id}?done=${outcome}`, 303);
  };
  // Sales: each member's figures per cohort in scope (filters are plain GET parameters), and the CAE's CSV,
  // the same file as `npm run admin -- export sales` (the same function), audited as the admin export is.
  app.get<{ Querystring: SalesQuery }>("/sales", async (req, reply) => {
    const user = req.consoleUser!;
    const lang = consoleLocale(user.person.locale);
    const t = textsFor(lang);
    const filters = readSalesFilters(req.query);
    const data = await loadSales(deps.prisma, await scopeOf(deps.prisma, user.person), filters);
    const csrf = csrfToken(config.secret, user.sessionId);
    return reply
      .code(filters.errors.length ? 400 : 200)
      .type("text/html; charset=utf-8")
      .send(page({ t, lang, title: t("sales.title") as string, user: { name: user.person.firstName ?? "", role: user.person.role, csrf }, current: "sales", body: salesBody({ t, lang, filters }, data) }));
  });

  app.get<{ Querystring: SalesQuery }>("/sales.csv", async (req, reply) => {
    const user = req.consoleUser!;
    const lang = consoleLocale(user.person.locale);
    const filters = readSalesFilters(req.query);
    if (filters.errors.length) return notice(reply, 400, lang, "sales.title", filters.errors);
    const cohort = filters.cohort ? await cohortInScope(deps.prisma, await scopeOf(deps.prisma, user.person), filters.cohort) : null;
    if (!cohort) return notice(reply, 404, lang, "signin.not_found_title", []);
    const { from, to } = filters;
    const { csv, rows } = await salesCsv(deps.prisma, { cohortIds: [cohort.id], from, to });
    await deps.prisma.auditLog.create({ data: { actorId: user.person.id, action: "export.sales", subject: cohort.key, details: { rows, from: from ?? null, to: to ?? null, via: "console" } } });
    const name = `sales-${cohort.key.replace(/[^A-Za-z0-9_-]/g, "_")}${filters.raw.from && from ? `-from-${filters.raw.from}` : ""}${filters.raw.to && to ? `-to-${filters.raw.to}` : ""}.csv`;
    return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${name}"`).send(csv);
  });

  app.post("/inbox/:id/answer", threadAction("answer"));
  app.post("/inbox/:id/close", threadAction("close"));
}

/** Registers the console under /console (encapsulated: its hooks, headers and parsers touch no other route). */
export async function registerConsole(app: FastifyInstance, opts: ConsoleOptions): Promise<void> {
  await app.register(consolePlugin, { ...opts, prefix: "/console" });
}
