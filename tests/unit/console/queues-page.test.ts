/**
 * What the Queues page's viewer gets of bull-board's HTML (src/console/pages/queues/page.ts): its own
 * index page (node_modules/@bull-board/ui/dist/index.ejs, rendered as bull-board renders it) in the
 * viewer's language, with our names block, stylesheet and script; a refusal page left as it is.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BOARD_ICONS } from "../../../src/console/pages/queues/names.ts";
import { dressBoardPage, type BoardDress } from "../../../src/console/pages/queues/page.ts";
import { loadConsoleResources } from "../../../src/console/texts.ts";

const require = createRequire(import.meta.url);
const UI_DIR = path.dirname(createRequire(require.resolve("@bull-board/api")).resolve("@bull-board/ui/package.json"));

/** bull-board's index page with its uiConfig written as its entry point writes it (`<` escaped). */
function boardPage(uiConfig: object): string {
  const json = JSON.stringify(uiConfig).replace(/</g, "\\u003c").replace(/>/g, "\\u003e");
  return readFileSync(path.join(UI_DIR, "dist", "index.ejs"), "utf8")
    .replace(/<%- uiConfig %>/, () => json)
    .replace(/<%= [a-zA-Z]+ %>/g, "x");
}

const DRESS: BoardDress = {
  lang: "fr",
  uiConfig: { locale: { lng: "fr-FR" }, miscLinks: [{ text: "Retour à la console", url: "/console" }] },
  names: { icons: { "trash-2": "Supprimer </script><b>" }, nameAndHint: "{name} ({hint})" },
  stylesheet: "assets/contrast.css",
  script: "assets/names.js",
};

const jsonBlock = (page: string, id: string) => JSON.parse(new RegExp(`<script\\b[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</script>`).exec(page)![1]!) as Record<string, unknown>;

describe("dressBoardPage", () => {
  const original = boardPage({ boardTitle: "Migracoop", hideDocsLink: true, miscLinks: [{ text: "Back to the console", url: "/console" }] });
  const page = dressBoardPage(original, DRESS);

  it("gives bull-board's page the viewer's language instead of its hard-coded English", () => {
    expect(original).toMatch(/<html lang="en" dir="ltr">/);
    expect(page).toMatch(/<html lang="fr" dir="ltr">/);
    expect(page.match(/\slang=/g)).toHaveLength(1);
  });

  it("merges the viewer's uiConfig into bull-board's own, which keeps the rest", () => {
    expect(jsonBlock(page, "__UI_CONFIG__")).toEqual({ boardTitle: "Migracoop", hideDocsLink: true, locale: { lng: "fr-FR" }, miscLinks: [{ text: "Retour à la console", url: "/console" }] });
  });

  it("adds the names block, escaped so that no text can close its element, and our stylesheet and script after bull-board's", () => {
    expect(page).not.toContain("</script><b>");
    expect(jsonBlock(page, "mc-board-names")).toEqual(DRESS.names);
    const head = page.slice(0, page.indexOf("</head>"));
    expect(head.indexOf('href="assets/contrast.css"')).toBeGreaterThan(head.indexOf('href="static/css/'));
    expect(head).toContain('<script defer src="assets/names.js"></script>');
  });

  it("drops the third-party stylesheet", () => {
    expect(original).toContain("fonts.googleapis.com");
    expect(page).not.toContain("fonts.googleapis.com");
  });

  it("leaves a page that is not the dashboard's (a refusal) as it is", () => {
    const refusal = '<!doctype html><html lang="en"><head><title>Non</title></head><body><main>Non</main></body></html>';
    expect(dressBoardPage(refusal, DRESS)).toBe(refusal);
  });

  it("names every icon it knows with a console text that exists in French and in English", () => {
    const texts = loadConsoleResources();
    const at = (tree: unknown, key: string) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
    for (const key of [...Object.values(BOARD_ICONS), "queues.name_and_hint"]) {
      for (const lang of ["fr", "en"] as const) expect(typeof at(texts[lang], key), `${lang} ${key}`).toBe("string");
    }
  });
});
