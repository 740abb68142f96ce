import type { Queue } from "bullmq";
import type { TFunction } from "i18next";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ConsoleConfig } from "../config/config.ts";
import type { AppDeps } from "../deps.ts";
import type { SignedIn } from "../signin/sessions.ts";
import { csrfToken, csrfValid } from "./csrf.ts";
import { html, page, tx, type Html } from "./html.ts";
import type { NavPage } from "./nav.ts";
import { unreadThreadCount } from "./pages/inbox/unread.ts";
import { scopeOf, type Scope } from "./scope.ts";
import { consoleLocale, type ConsoleLocale } from "./texts.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** A console route anyone may open (sign-in, its pages, the stylesheet); every other one needs a session. */
    consolePublic?: boolean;
  }
  interface FastifyRequest {
    consoleUser?: SignedIn;
  }
}

/** One signed-in request as a page sees it: who, in which language, with the session's CSRF token. */
export interface Viewing {
  user: SignedIn;
  lang: ConsoleLocale;
  /** The console's texts. */
  t: TFunction;
  /** The chat's texts in the same language: dates and names of things as the chat shows them. */
  chatT: TFunction;
  zone: string;
  csrf: string;
  /** The header's signed-in line. */
  header: { name: string; role: string; csrf: string };
  /** What this viewer may see (console/scope.ts), read from the database when asked. */
  scope(): Promise<Scope>;
}

/** What every page's routes are given by the console plugin: one way to view, answer, refuse and check forms. */
export interface ConsoleKit {
  deps: AppDeps;
  config: ConsoleConfig;
  /** The service's BullMQ queues, for the admins' Queues page (absent: no Queues page). */
  queues?: Queue[];
  textsFor(lang: ConsoleLocale): TFunction;
  /** The viewer of a signed-in route (the plugin's preHandler has checked the session and the role). */
  view(req: FastifyRequest): Viewing;
  /** A whole signed-in page, its navigation with the Inbox's unread count (inbox/unread.ts). */
  send(reply: FastifyReply, v: Viewing, o: { title: string; current?: NavPage; body: Html; status?: number }): Promise<FastifyReply>;
  /** A short page of notices (refusals, not found, bad input): `lines` are text keys. */
  notice(reply: FastifyReply, status: number, lang: ConsoleLocale, titleKey: string, lines: string[]): FastifyReply;
  /**
   * A form's CSRF token checked against the session: false when it is wrong, after the refusal is
   * audited and a 403 page sent (the route then returns the reply as it is).
   */
  formAllowed(req: FastifyRequest<{ Body: unknown }>, reply: FastifyReply, subject: string): Promise<boolean>;
}

/** A page of the console: registers its routes (relative to /console) on the console's scope. */
export type ConsolePage = (app: FastifyInstance, kit: ConsoleKit) => void;

/** Identifiers in paths and forms: a UUID or nothing. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function consoleKit(deps: AppDeps, config: ConsoleConfig, textsFor: (lang: ConsoleLocale) => TFunction, queues?: Queue[]): ConsoleKit {
  const notice: ConsoleKit["notice"] = (reply, status, lang, titleKey, lines) => {
    const t = textsFor(lang);
    const body: Html = html`<div class="notice">${lines.map((k) => html`<p>${tx(t, k)}</p>`)}</div>`;
    return reply.code(status).type("text/html; charset=utf-8").send(page({ t, lang, title: t(titleKey) as string, body }));
  };
  return {
    deps,
    config,
    ...(queues ? { queues } : {}),
    textsFor,
    notice,
    view(req) {
      const user = req.consoleUser!;
      const lang = consoleLocale(user.person.locale);
      const csrf = csrfToken(config.secret, user.sessionId);
      let scope: Promise<Scope> | undefined;
      return {
        user,
        lang,
        t: textsFor(lang),
        chatT: deps.i18n.getFixedT(lang) as TFunction,
        zone: user.person.timezone ?? deps.defaultTimezone,
        csrf,
        header: { name: user.person.firstName ?? "", role: user.person.role, csrf },
        scope: () => (scope ??= scopeOf(deps.prisma, user.person)),
      };
    },
    async send(reply, v, o) {
      const counts = { inbox: await unreadThreadCount(deps.prisma, await v.scope()) };
      return reply
        .code(o.status ?? 200)
        .type("text/html; charset=utf-8")
        .send(page({ t: v.t, lang: v.lang, title: o.title, user: v.header, ...(o.current ? { current: o.current } : {}), counts, body: o.body }));
    },
    async formAllowed(req, reply, subject) {
      const user = req.consoleUser!;
      if (csrfValid(config.secret, user.sessionId, (req.body as { _csrf?: unknown } | undefined)?._csrf)) return true;
      await deps.prisma.auditLog.create({ data: { actorId: user.person.id, action: "denied", subject, details: { reason: "csrf" } } });
      notice(reply, 403, consoleLocale(user.person.locale), "signin.csrf_title", ["signin.csrf_body"]);
      return false;
    },
  };
}
