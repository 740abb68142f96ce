import type { TFunction } from "i18next";
import { NAV, type NavPage } from "./nav.ts";

/** Every value from the database goes through `esc` (core/html-escape.ts). */
import { esc } from "../core/html-escape.ts";
export { esc };

/** HTML built by these helpers, already safe: `html` tagged templates escape what is not. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** A template whose interpolated values are escaped, unless they are Html (or arrays of it). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += part(v) + strings[i + 1]!;
  });
  return new Html(out);
}

function part(v: unknown): string {
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(part).join("");
  if (v === undefined || v === null || v === false) return "";
  return esc(v);
}

/** A text of the console's own (translated; i18next escaped its values): safe as is. */
export function tx(t: TFunction, key: string, params?: Record<string, unknown>): Html {
  return new Html(t(key, params ?? {}) as string);
}

/** Platforms as people write them ("WhatsApp, Telegram"), or "—" for none. */
export function channelNames(t: TFunction, channels: readonly string[]): Html {
  return new Html(channels.length ? channels.map((c) => t(`channel.${c}`) as string).join(", ") : "—");
}

export interface PageOptions {
  t: TFunction;
  lang: string;
  title: string;
  /** The header's signed-in line and logout form; absent on pages shown to nobody in particular. */
  user?: { name: string; role: string; csrf: string };
  /** The page the console's navigation marks as current (signed-in pages only). */
  current?: NavPage;
  /** Numbers shown beside navigation links (the Inbox's unread threads), each read out with the text `nav.<key>_count`. */
  counts?: Partial<Record<NavPage, number>>;
  body: Html;
}

/** A number beside a navigation link: seen as a pill, heard as a sentence ("3 unread conversations"). */
function navCount(t: TFunction, key: NavPage, count: number | undefined): Html | string {
  return count ? html` <span class="count" aria-hidden="true">${count}</span><span class="visually-hidden"> (${tx(t, `nav.${key}_count`, { count })})</span>` : "";
}

/**
 * The whole page: one stylesheet and, for signed-in pages, one small script (live regions, console/live.ts) served by the service (CSP: default-src 'self'), a skip
 * link, a header with the sign-out form (a POST with the session's CSRF token), the main content.
 */

export function page({ t, lang, title, user, current, counts, body }: PageOptions): string {
  return `<!doctype html>${html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${tx(t, "app.title")}</title>
<link rel="stylesheet" href="/console/assets/console.css">
${user ? html`<script src="/console/assets/live.js" defer></script>` : ""}
</head>
<body>
<a class="skip" href="#main">${tx(t, "app.skip")}</a>
<header class="top">
  <span class="brand">${tx(t, "app.title")}</span>
  ${user ? html`<form method="post" action="/console/logout" class="logout">
    <span class="who">${tx(t, "app.signed_in_as", { name: user.name, role: t(`app.role_${user.role}`) })}</span>
    <input type="hidden" name="_csrf" value="${user.csrf}">
    <button type="submit">${tx(t, "app.logout")}</button>
  </form>` : ""}
</header>
${user ? html`<nav class="nav" aria-label="${t("app.nav_label")}"><ul>${NAV.filter((n) => !("adminOnly" in n && n.adminOnly) || user.role === "admin").map((n) => html`<li><a href="${n.path}"${n.key === current ? html` aria-current="page"` : ""}>${tx(t, `nav.${n.key}`)}${navCount(t, n.key, counts?.[n.key])}</a></li>`)}</ul></nav>` : ""}
<main id="main" tabindex="-1">
<h1>${title}</h1>
${body}
</main>
</body>
</html>`.value}`;
}
