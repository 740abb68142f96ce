import { NAMES_ELEMENT_ID, type BoardNames } from "./names.ts";

/** bull-board's page asks for a Google Fonts stylesheet: the console serves no third-party asset (the UI falls back to system fonts). */
const THIRD_PARTY_STYLESHEET = /<link\b[^>]*href="https?:\/\/[^"]*"[^>]*rel="stylesheet"[^>]*>\s*/gi;

/** The JSON block where bull-board's page carries its uiConfig (read by its script at start). */
const UI_CONFIG = /(<script id="__UI_CONFIG__" type="application\/json">)([\s\S]*?)(<\/script>)/;

/** What one viewer's copy of the dashboard's page gets. */
export interface BoardDress {
  /** The page's `lang`: the viewer's console language. */
  lang: string;
  /** uiConfig entries for this viewer (its `locale`, its menu's link back in the viewer's language). */
  uiConfig: Record<string, unknown>;
  /** The accessible names the script of names.ts gives to icon buttons. */
  names: BoardNames;
  /** Our stylesheet and script, from the service itself. */
  stylesheet: string;
  script: string;
}

/** JSON safe inside a `<script>` element: no `<` or `>` that could close it (as bull-board writes its own). */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e");

/**
 * bull-board's HTML as a viewer gets it: no third-party stylesheet; and, on the dashboard's page itself
 * (the one holding its uiConfig; a refusal page is left as it is), the viewer's `lang` instead of its
 * hard-coded "en", the viewer's uiConfig entries merged into its own, the names block for our script,
 * and our stylesheet (after bull-board's, so it wins) and script.
 * @example dressBoardPage('<html lang="en">…', { lang: "fr", uiConfig: { locale: { lng: "fr-FR" } }, … }) // '<html lang="fr">…'
 */
export function dressBoardPage(page: string, dress: BoardDress): string {
  const stripped = page.replace(THIRD_PARTY_STYLESHEET, "");
  const found = UI_CONFIG.exec(stripped);
  if (!found) return stripped;
  const uiConfig = { ...(JSON.parse(found[2]!) as Record<string, unknown>), ...dress.uiConfig };
  const blocks = `${found[1]}${scriptJson(uiConfig)}${found[3]}\n<script type="application/json" id="${NAMES_ELEMENT_ID}">${scriptJson(dress.names)}</script>`;
  const head = `<link href="${dress.stylesheet}" rel="stylesheet">\n<script defer src="${dress.script}"></script>\n</head>`;
  return (stripped.slice(0, found.index) + blocks + stripped.slice(found.index + found[0].length))
    .replace(/<html\b[^>]*>/i, (tag) => tag.replace(/\slang="[^"]*"/i, "").replace(/^<html/i, `<html lang="${dress.lang.replace(/[^A-Za-z-]/g, "")}"`))
    .replace(/<\/head>/i, () => head);
}
