import { describe, expect, it } from "vitest";
import { LOCALES } from "../../../src/core/locales.ts";
import { loadResources } from "../../../src/i18n/i18n.ts";

const resources = loadResources();

function flatten(obj: Record<string, unknown>, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === "object" && !Array.isArray(v)) for (const [pk, pv] of flatten(v as Record<string, unknown>, path)) out.set(pk, pv);
    else out.set(path, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();
/** i18next plural forms: a language may have more or fewer than French (Arabic has six). */
const baseKey = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");

const reference = flatten(resources.fr);

describe.each(LOCALES.filter((l) => l !== "fr"))("locale %s", (locale) => {
  const texts = flatten(resources[locale]);
  const baseKeys = new Set([...texts.keys()].map(baseKey));

  it("has every key of the French reference", () => {
    const missing = [...reference.keys()].filter((k) => !texts.has(k) && !baseKeys.has(baseKey(k)));
    expect(missing).toEqual([]);
  });

  it("has no key that French lacks", () => {
    const refBase = new Set([...reference.keys()].map(baseKey));
    expect([...texts.keys()].filter((k) => !refBase.has(baseKey(k)))).toEqual([]);
  });

  it("has every plural form its language uses for whole numbers", () => {
    const rules = new Intl.PluralRules(locale);
    const used = new Set(Array.from({ length: 1001 }, (_, n) => rules.select(n)));
    const plural = new Set([...reference.keys()].filter((k) => k.endsWith("_other")).map(baseKey));
    const missing = [...plural].flatMap((base) => [...used].map((c) => `${base}_${c}`)).filter((k) => !texts.has(k));
    expect(missing).toEqual([]);
  });

  it("has no empty text", () => {
    expect([...texts].filter(([, v]) => typeof v !== "string" || v.trim() === "").map(([k]) => k)).toEqual([]);
  });

  it("keeps every placeholder", () => {
    const broken = [...texts]
      .filter(([k]) => reference.has(k) || reference.has(`${baseKey(k)}_other`))
      .filter(([k, v]) => {
        const ref = (reference.get(k) ?? reference.get(`${baseKey(k)}_other`)) as string;
        // A singular, dual or zero form may say its number in words ("طلب واحد", "طلبان") instead of {{count}}.
        const expected = placeholders(ref).filter((p) => p !== "count" || !/_(zero|one|two)$/.test(k));
        return JSON.stringify(placeholders(String(v)).filter((p) => p !== "count" || !/_(zero|one|two)$/.test(k))) !== JSON.stringify(expected);
      })
      .map(([k]) => k);
    expect(broken).toEqual([]);
  });
});

describe("French reference", () => {
  it("has no empty text", () => {
    expect([...reference].filter(([, v]) => typeof v !== "string" || v.trim() === "")).toEqual([]);
  });
});
