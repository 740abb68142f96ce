import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { FastifyAdapter } from "@bull-board/fastify";
import type { Queue } from "bullmq";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { TFunction } from "i18next";
import { cspHeader, inlineStyleSources, styleHash } from "../../inline-styles.ts";
import type { ConsoleLocale } from "../../texts.ts";
import { CONTRAST_CSS } from "./contrast.ts";
import { BOARD_ICONS, NAMES_JS, type BoardNames } from "./names.ts";
import { dressBoardPage } from "./page.ts";

/** Where the dashboard lives, under the console's sign-in. */
export const BOARD_PATH = "/console/queues";

/** Our stylesheet and script for the dashboard (contrast.ts, names.ts), served from the service itself; relative to the page's `<base href="/console/queues/">`, as bull-board's own files are. */
const CONTRAST_PATH = "assets/contrast.css";
const NAMES_PATH = "assets/names.js";

/** bull-board's own language for each console language (its locales include fr-FR and en-US). */
const BOARD_LANGUAGES: Record<ConsoleLocale, string> = { fr: "fr-FR", en: "en-US" };

/** The console's texts for the dashboard, and the language of the person viewing it. */
export interface BoardTexts {
  textsFor(lang: ConsoleLocale): TFunction;
  langOf(req: FastifyRequest): ConsoleLocale;
  defaultLang: ConsoleLocale;
}

const plain = { interpolation: { escapeValue: false } };

/** The uiConfig entries that follow the viewer's language: bull-board's own language, the link back to the console. */
function viewerConfig(t: TFunction, lang: ConsoleLocale): Record<string, unknown> {
  return { locale: { lng: BOARD_LANGUAGES[lang] }, miscLinks: [{ text: t("queues.back", plain) as string, url: "/console" }] };
}

/** The accessible names of bull-board's icon buttons, in one language. */
function boardNames(t: TFunction): BoardNames {
  return {
    icons: Object.fromEntries(Object.entries(BOARD_ICONS).map(([icon, key]) => [icon, t(key, plain) as string])),
    nameAndHint: t("queues.name_and_hint", { name: "{name}", hint: "{hint}", ...plain }) as string,
  };
}

/** Where bull-board's UI files are (the package @bull-board/api itself reads them from). */
const UI_DIR = path.dirname(createRequire(createRequire(import.meta.url).resolve("@bull-board/api")).resolve("@bull-board/ui/package.json"));

/**
 * The hashes of the `<style>` elements bull-board's script draws itself (the Redis logo's colours), read
 * once from its bundle: constant texts of the React elements `("style",{children:`…`})`.
 */
function scriptStyleHashes(): string[] {
  const dir = path.join(UI_DIR, "dist", "static", "js");
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
  const texts = files.flatMap((f) => [...readFileSync(path.join(dir, f), "utf8").matchAll(/"style",\{children:`([^`$\\]*)`\}/g)].map((m) => m[1]!));
  return [...new Set(texts.map(styleHash))];
}
let drawnStyles: string[] | undefined;

/**
 * The dashboard's policy: its scripts, styles, images and API from the service only ('self'), no inline
 * script; the few inline styles of its HTML (a loading placeholder) and of its script (a logo's colours)
 * allowed one by one by their hash.
 * `base-uri 'self'`: its page sets `<base href="/console/queues/">` to find its files.
 */
export function boardCsp(page: string): string {
  return cspHeader({
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", ...(drawnStyles ??= scriptStyleHashes()), ...inlineStyleSources(page)],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  });
}

/**
 * Registers BullMQ's own dashboard (@bull-board/fastify) on `board`, the console's encapsulated scope
 * for /console/queues whose hooks (sign-in, role, origin check) run before any of its routes. Its HTML
 * loses the third-party stylesheet, gets the policy above and, for accessibility, the viewer's language
 * (`lang`, bull-board's own texts), our contrast stylesheet and the script that names its icon buttons.
 */
export async function mountBoard(board: FastifyInstance, queues: Queue[], texts: BoardTexts): Promise<void> {
  const adapter = new FastifyAdapter();
  adapter.setBasePath(BOARD_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q)),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: "Migracoop", hideDocsLink: true, ...viewerConfig(texts.textsFor(texts.defaultLang), texts.defaultLang) } },
  });
  board.get("/assets/contrast.css", async (_req, reply) => reply.type("text/css; charset=utf-8").header("cache-control", "public, max-age=3600").send(CONTRAST_CSS));
  board.get("/assets/names.js", async (_req, reply) => reply.type("text/javascript; charset=utf-8").header("cache-control", "public, max-age=3600").send(NAMES_JS));
  board.addHook("onSend", async (req, reply, payload) => {
    if (typeof payload !== "string" || !String(reply.getHeader("content-type") ?? "").startsWith("text/html")) return payload;
    const lang = texts.langOf(req);
    const t = texts.textsFor(lang);
    const page = dressBoardPage(payload, { lang, uiConfig: viewerConfig(t, lang), names: boardNames(t), stylesheet: CONTRAST_PATH, script: NAMES_PATH });
    reply.header("content-security-policy", boardCsp(page));
    return page;
  });
  await board.register(adapter.registerPlugin());
}
