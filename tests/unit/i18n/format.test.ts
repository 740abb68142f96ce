import { beforeAll, describe, expect, it } from "vitest";
import type { i18n as I18n } from "i18next";
import { LOCALES, type Locale } from "../../../src/core/locales.ts";
import { personName } from "../../../src/core/person-name.ts";
import { parseTypedTitles, splitTitles, titleIn } from "../../../src/core/titles.ts";
import { describe as describeSale } from "../../../src/engine/flows/sale.ts";
import { createI18n } from "../../../src/i18n/i18n.ts";
import { formatDateTime } from "../../../src/i18n/format.ts";
import { say } from "../../../src/i18n/render.ts";

let i18n: I18n;
beforeAll(async () => {
  i18n = await createI18n();
});
const t = (l: Locale) => i18n.getFixedT(l);

/** The digits each language is written in; a line must not mix them with another script's. */
const DIGITS: Record<Locale, RegExp> = {
  fr: /[0-9]/, en: /[0-9]/, ti: /[0-9]/, es: /[0-9]/, pt: /[0-9]/, ru: /[0-9]/, uk: /[0-9]/,
  ar: /[٠-٩]/, fa: /[۰-۹]/, ps: /[۰-۹]/, bn: /[০-৯]/,
};
const ALL_DIGITS = /[0-9٠-٩۰-۹০-৯]/gu;
const foreignDigits = (line: string, locale: Locale) => (line.match(ALL_DIGITS) ?? []).filter((d) => !DIGITS[locale].test(d));

describe("dates and times, as each language writes them", () => {
  // Monday 7 December 2026, 14:30 in Paris.
  const when = "2026-12-07T13:30:00Z";
  it.each([
    ["fr", "lundi 7 décembre à 14:30"],
    ["en", "Monday 7 December at 2:30 PM"],
    ["ar", /^الاثنين،? ٧ ديسمبر،? الساعة ١٤:٣٠$/],
    ["fa", /^دوشنبه،? ۷ دسمبر،? ساعت ۱۴:۳۰$/],
    ["ps", /^دونۍ، ۷ دسمبر،? په ۱۴:۳۰ بجو$/],
    ["ti", /^ሰኑይ፣ 7 ታሕሳስ.* 14:30/],
    ["es", "lunes 7 de diciembre a las 14:30"],
    ["pt", "segunda-feira, 7 de dezembro às 14:30"],
    ["ru", "понедельник, 7 декабря в 14:30"],
    ["uk", "понеділок, 7 грудня о 14:30"],
    ["bn", /^সোমবার, ৭ ডিসেম্বর,? দুপুর ২:৩০টায়$/],
  ] as [Locale, string | RegExp][])("%s: %s", (locale, expected) => {
    const line = formatDateTime(t(locale), when, "Europe/Paris");
    if (typeof expected === "string") expect(line).toBe(expected);
    else expect(line).toMatch(expected);
    // No Latin AM/PM outside English, no stray ICU connector, no Latin comma in Arabic script.
    if (locale !== "en") expect(line).not.toMatch(/AM|PM/);
    if (locale === "ar" || locale === "fa" || locale === "ps") expect(line).not.toContain(",");
  });

  it("the consent date in 'my data' is a localised date with its year, not ISO", () => {
    const lines = LOCALES.map((l) => say(t(l), { key: "mydata.consent", params: { value: { date: "2026-12-06", year: true } } }));
    for (const line of lines) expect(line).not.toContain("2026-12-06");
    expect(lines[0]).toBe("• Accord donné le : 6 décembre 2026");
    expect(lines[LOCALES.indexOf("ar")]).toContain("٦ ديسمبر ٢٠٢٦");
    expect(lines[LOCALES.indexOf("ru")]).toContain("6 декабря 2026");
  });
});

describe("one digit script per line", () => {
  const sale = { kind: "sale", quantity: 3, item: "robes", unitPriceCents: 1250, amountCents: 3750, currency: "EUR" } as const;
  it.each(LOCALES)("%s: sale read-back, undo hint, session line, counts", (locale) => {
    const lines = [
      say(t(locale), describeSale(sale as never, "2026-12-06")),
      say(t(locale), { key: "sale.undo_hint", params: { hours: 24 } }),
      say(t(locale), { key: "undo.nothing", params: { hours: 24 } }),
      say(t(locale), { key: "sessions.line", params: { title: "Atelier", when: { datetime: "2026-12-07T13:30:00Z", zone: "Europe/Paris" }, place: "Paris" } }),
      say(t(locale), { key: "mydata.counts", params: { answers: { t: "mydata.answers", count: 8 }, sales: { t: "mydata.sales", count: 1 }, messages: { t: "mydata.messages", count: 25 } } }),
      say(t(locale), { key: "review.list", params: { count: 3 } }),
      say(t(locale), { key: "manage.ask_when", params: { example: { typed: "14/12 10:00" } } }),
    ];
    for (const line of lines) expect(foreignDigits(line, locale), line).toEqual([]);
    // The quantity is written like the amounts: "٣ × …" beside "٣٧٫٥٠".
    expect(lines[0]).toMatch(new RegExp(`${DIGITS[locale].source}`));
    expect(lines[1]).not.toContain("{{");
    // The example to type is in the reader's digits: "١٤/١٢ ١٠:٠٠" in Arabic.
    expect(lines.at(-1)).toMatch(new RegExp(`${DIGITS[locale].source}+/${DIGITS[locale].source}+ `));
  });

  it("every number in every text of ar, fa, ps and bn is in that language's digits", () => {
    const flat = (o: unknown, out: string[] = []): string[] => {
      if (typeof o === "string") out.push(o);
      else if (o && typeof o === "object") for (const v of Object.values(o)) flat(v, out);
      return out;
    };
    for (const locale of ["ar", "fa", "ps", "bn"] as const) {
      const texts = flat(i18n.getResourceBundle(locale, "translation"));
      // Codes the person types or sees as they are (a thread code, a street address in a template example) keep Latin digits.
      const mixed = texts.filter((s) => !/ABC123|rue|\d{5}/.test(s) && foreignDigits(s.replace(/\{\{[^}]*\}\}/g, ""), locale).length);
      expect(mixed, locale).toEqual([]);
    }
  });
});

describe("plurals: counts agree with their noun", () => {
  it.each([
    ["fr", 1, "• 1 réponse d'inscription, 1 vente notée, 1 message reçu"],
    ["fr", 2, "• 2 réponses d'inscription, 2 ventes notées, 2 messages reçus"],
    ["en", 1, "• 1 sign-up answer, 1 sale recorded, 1 message received"],
    ["en", 5, "• 5 sign-up answers, 5 sales recorded, 5 messages received"],
  ] as [Locale, number, string][])("%s, %d", (locale, n, expected) => {
    expect(say(t(locale), { key: "mydata.counts", params: { answers: { t: "mydata.answers", count: n }, sales: { t: "mydata.sales", count: n }, messages: { t: "mydata.messages", count: n } } })).toBe(expected);
  });

  it("Russian and Ukrainian use their three forms, Arabic its six", () => {
    const ru = [1, 2, 5, 21].map((n) => t("ru")("export.caption", { count: n }));
    expect(new Set(ru.slice(0, 3)).size).toBe(3);
    expect(ru[3]).toBe(ru[0]!.replace("1", "21"));
    const uk = [1, 3, 11].map((n) => t("uk")("roadmap_write.added", { count: n }));
    expect(new Set(uk).size).toBe(3);
    const ar = [0, 1, 2, 3, 11, 100].map((n) => t("ar")("review.list", { count: n }));
    expect(new Set(ar).size).toBe(6);
  });

  it("no text writes a plural with (s) or (e)", () => {
    for (const locale of ["fr", "en", "es", "pt"] as const) {
      const bundle = JSON.stringify(i18n.getResourceBundle(locale, "translation"));
      expect(bundle, locale).not.toMatch(/\w\((s|e|es|as|os)\)/);
    }
  });

  it("the price questions never need the item's grammatical number or gender", () => {
    for (const locale of LOCALES) {
      const line = t(locale)("sale.ask_unit_price", { item: "robes" });
      expect(line, locale).toContain("robes");
      expect(line).not.toMatch(/un\(e\)|one robes/);
    }
  });
});

describe("a neutral emoji for every sale", () => {
  it.each(LOCALES)("%s", (locale) => {
    for (const key of ["sale.line_unit_sale", "sale.line_quantity_sale", "sale.line_total_sale"]) {
      const line = t(locale)(key, { quantity: 2, item: "sacs", unit: "10 €", total: "20 €", date: "6" });
      expect(line.startsWith("💰"), `${locale} ${key}`).toBe(true);
    }
  });
});

describe("people without a first name", () => {
  it("are named by their platform's name, else by their address, never '?'", () => {
    expect(personName({ firstName: "Awa", identities: [{ displayName: "awa_k", channel: "telegram", externalId: "1" }] })).toBe("Awa");
    expect(personName({ firstName: null, identities: [{ displayName: "Mamadou D.", channel: "whatsapp", externalId: "33612345678" }] })).toBe("Mamadou D.");
    expect(personName({ firstName: " ", identities: [{ displayName: null, channel: "whatsapp", externalId: "33612345678" }] })).toBe("whatsapp 33612345678");
  });
});

describe("session titles in several languages", () => {
  it("the programme file's form: French is the main title, the others are kept", () => {
    expect(splitTitles("Fixer ses prix")).toEqual({ title: "Fixer ses prix", titles: null });
    expect(splitTitles({ ar: "تحديد الأسعار", fr: "Fixer ses prix" })).toEqual({ title: "Fixer ses prix", titles: { ar: "تحديد الأسعار" } });
    expect(splitTitles({ en: "Pricing" })).toEqual({ title: "Pricing", titles: null });
  });

  it("the chat's form: one line per language", () => {
    expect(parseTypedTitles("Fixer ses prix\nen: Setting your prices\nAR : تحديد الأسعار")).toEqual({ title: "Fixer ses prix", titles: { en: "Setting your prices", ar: "تحديد الأسعار" } });
    // A colon inside a title is not a language.
    expect(parseTypedTitles("Vente: les bases")).toEqual({ title: "Vente: les bases", titles: null });
  });

  it("each reader sees theirs, else the French one", () => {
    const session = { title: "Fixer ses prix", titles: { ar: "تحديد الأسعار" } };
    expect(titleIn(session, "ar")).toBe("تحديد الأسعار");
    expect(titleIn(session, "ru")).toBe("Fixer ses prix");
    expect(say(t("ar"), { key: "sessions.line", params: { title: { text: session.title, texts: session.titles }, when: { datetime: "2026-12-07T13:30:00Z", zone: "Europe/Paris" }, place: "Paris" } })).toContain("تحديد الأسعار");
  });
});
