import { describe, expect, it } from "vitest";
import { consoleLocale, loadConsoleResources } from "../../../src/console/texts.ts";

function flatten(obj: Record<string, unknown>, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === "object") for (const [pk, pv] of flatten(v as Record<string, unknown>, path)) out.set(pk, pv);
    else out.set(path, String(v));
  }
  return out;
}
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

describe("the console's texts (locales/console/)", () => {
  const { fr, en } = loadConsoleResources();
  const french = flatten(fr);
  const english = flatten(en);

  it("English has exactly the keys of the French reference, none empty, with the same placeholders", () => {
    expect([...english.keys()].sort()).toEqual([...french.keys()].sort());
    for (const [key, text] of [...french, ...english]) expect(text.trim(), key).not.toBe("");
    for (const [key, text] of french) expect(placeholders(english.get(key) ?? ""), key).toEqual(placeholders(text));
  });

  it("picks the page language from the person's: French or English, else French", () => {
    expect(consoleLocale("en")).toBe("en");
    expect(consoleLocale("fr")).toBe("fr");
    expect(consoleLocale("ar")).toBe("fr");
    expect(consoleLocale(null)).toBe("fr");
  });
});
