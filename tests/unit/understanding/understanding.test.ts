import { beforeAll, describe, expect, it } from "vitest";
import { LOCALES, type Locale } from "../../../src/core/locales.ts";
import { step } from "../../../src/engine/engine.ts";
import type { Reader } from "../../../src/engine/reader.ts";
import type { EngineContext, EngineResult, PersonView } from "../../../src/engine/types.ts";
import { readCorpus, type Example } from "../../../src/understanding/corpus.ts";
import { lettersForDigits } from "../../../src/understanding/fold.ts";
import { CORPUS_DIR, HELDOUT_DIR } from "../../../src/understanding/load.ts";
import { parseTransaction } from "../../../src/understanding/sales/index.ts";
import { findAnswer, findYears } from "../../../src/understanding/slots/answers.ts";
import { findDay, resolveDay } from "../../../src/understanding/slots/days.ts";
import { findLanguage } from "../../../src/understanding/slots/languages.ts";
import { INTENTS, type Intent } from "../../../src/understanding/index.ts";
import { realTexts } from "../../support/i18n.ts";
import { COORDINATOR_ASKED, DONE } from "./done-as-asked.ts";

let reader: Reader;
beforeAll(async () => {
  reader = (await realTexts()).reader;
});

const NOW = new Date("2026-12-06T10:00:00Z"); // a Sunday
const ZONE = "Europe/Paris";
const sessions: EngineContext["nextSessions"] = [
  { id: "s1", title: "Fixer ses prix", startsAt: "2026-12-07T08:30:00Z", location: "Migracoop, Paris 11e", timezone: ZONE },
  { id: "s2", title: "Hygiène", startsAt: "2026-12-10T08:30:00Z", location: "Migracoop, Paris 11e", timezone: ZONE },
];
const context: EngineContext = {
  hasConsent: true,
  application: { id: "a1", status: "accepted" },
  nextSessions: sessions,
  lastTransaction: { id: "t1", kind: "sale", item: "plats", quantity: 3, unitPriceCents: 1200, amountCents: 3600, currency: "EUR", occurredOn: "2026-12-06", recordedAt: "2026-12-06T09:00:00Z" },
  pendingApplications: [],
  cohorts: [{ id: "c1", name: "Cuisine" }],
  roadmapMembers: [{ id: "p1", name: "Awa" }],
};

function personFor(intent: Intent, locale: Locale): PersonView {
  const base: PersonView = { locale, localeConfirmed: true, role: "participant", stage: "member", optedOut: intent === "start", firstName: "Awa", timezone: ZONE };
  return COORDINATOR_ASKED.has(intent) ? { ...base, role: "coordinator" } : base;
}

/** What the bot does with one message from a member (or a coordinator, for their intents). */
function answer(e: Example): EngineResult {
  return step({ person: personFor(e.intent, e.locale), conversation: { flow: null, step: null, data: {} }, context, event: { type: "message", text: e.text }, now: NOW, defaultLocale: "fr" }, reader);
}

describe("slots from small rule sets", () => {
  it.each<[string, string]>([
    ["c'est quand demain ?", "2026-12-07"],
    ["je peux pas venir jeudi", "2026-12-10"],
    ["sorry I can't make it tomorrow", "2026-12-07"],
    ["ما نقدرش نجي غدوة", "2026-12-07"],
    ["بكرة ما بقدر", "2026-12-07"],
    ["الخميس ما نجيش", "2026-12-10"],
    ["فردا نمیتوانم", "2026-12-07"],
    ["farda nametanam", "2026-12-07"],
    ["سبا نه شم راتلی", "2026-12-07"],
    ["ጽባሕ ክመጽእ እየ", "2026-12-07"],
    ["በሓሙስ ኣይክመጽእን", "2026-12-10"],
    ["el jueves no puedo", "2026-12-10"],
    ["segunda-feira não posso", "2026-12-07"],
    ["завтра не приду", "2026-12-07"],
    ["у четвер не зможу", "2026-12-10"],
    ["আগামীকাল আসবো না", "2026-12-07"],
    ["ami kal asbo na", "2026-12-07"],
    ["le 12/3 je peux pas", "2027-03-12"],
    ["après-demain", "2026-12-08"],
  ])("%s → %s", (text, date) => {
    const ref = findDay(text);
    expect(ref && resolveDay(ref, NOW, ZONE)).toBe(date);
  });

  it("does not read a day the month does not have: '31/02' is a typo, not 3 March", () => {
    expect(findDay("31/02 10h")).toBeUndefined();
    expect(findDay("31/04")).toBeUndefined();
    const leap = findDay("29/02");
    expect(leap && resolveDay(leap, NOW, ZONE)).toBe("2028-02-29");
  });

  it("does not read an amount as a date", () => {
    expect(findDay("vendu 3 plats à 12.5€")).toBeUndefined();
  });

  it.each<[string, Locale]>([
    ["in English please", "en"], ["بالعربي", "ar"], ["по-русски", "ru"], ["en français svp", "fr"], ["dari lotfan", "fa"],
    ["پښتو", "ps"], ["ትግርኛ", "ti"], ["en español", "es"], ["português por favor", "pt"], ["українською", "uk"], ["বাংলায় বলুন", "bn"],
  ])("%s names %s", (text, locale) => {
    expect(findLanguage(text)).toBe(locale);
  });

  it("does not read Pashto 'three' (درې) as Dari, which it folds into", () => {
    expect(findLanguage("ما درې پلېټونه په دولس یورو وپلورل")).toBeUndefined();
    expect(findLanguage("په دری")).toBe("fa");
  });

  it.each<[string, "yes" | "no" | undefined]>([
    ["oui", "yes"], ["ok merci", "yes"], ["👍", "yes"], ["نعم", "yes"], ["بله", "yes"], ["да", "yes"], ["হ্যাঁ", "yes"], ["እወ", "yes"],
    ["non", "no"], ["لا", "no"], ["نه", "no"], ["нет", "no"], ["না", "no"], ["la formation", undefined],
  ])("%s is %s", (text, expected) => {
    expect(findAnswer(text)).toBe(expected);
  });

  it("reads years of experience in words and digits", () => {
    expect(findYears("3 ans dans un restaurant")).toBe(3);
    expect(findYears("ثلاث سنوات في مطعم")).toBe(3);
    expect(findYears("six mois")).toBe(0.5);
  });

  it("reads a sale in Arabic written in Latin letters with its quantity, item and price", () => {
    const sale = parseTransaction(lettersForDigits("b3t 3 s7on b 12 euro"));
    // "b" is Arabic ب before an amount: a total, as "ب ٤٥ يورو" is.
    expect(sale).toMatchObject({ kind: "sale", quantity: 3, item: "shon", amountCents: 1200 });
    expect(lettersForDigits("vendu 3plats 12€")).toBe("vendu 3plats 12€");
  });
});

describe("a thanks before a question", () => {
  // The thanks is politeness; the question after it is the request (it was answered "you're welcome").
  it.each<[string, Intent]>([
    ["Дякую! Коли перша зустріч?", "sessions"],
    ["ok gracias, y el martes?", "question"],
    ["merci beaucoup ?", "thanks"],
    ["merci beaucoup pour tout", "thanks"],
  ])("%s → %s", (text, intent) => {
    expect(reader.understander.understand(text, { now: NOW, timezone: ZONE }).intent).toBe(intent);
  });
});

describe("a sale the model takes for a question", () => {
  // The model reads Pashto "ما" (I) as Arabic "what": a sale word and an amount without a question mark is a sale.
  it.each<[string, Intent]>([
    ["ما درې پلېټونه په دولس یورو وپلورل", "sale"],
    ["ما درې پلېټونه په دولس یورو وپلورل؟", "question"],
  ])("%s → %s", (text, intent) => {
    expect(reader.understander.understand(text, { now: NOW, timezone: ZONE }).intent).toBe(intent);
  });
});

describe("the model on the held-out part (never learnt from, never tuned on)", () => {
  const heldout = readCorpus(HELDOUT_DIR);

  it("has a held-out fifth for every language, and no message in both parts", () => {
    const train = readCorpus(CORPUS_DIR);
    const seen = new Set(train.map((e) => `${e.locale}\t${e.text}`));
    for (const locale of LOCALES) {
      const t = train.filter((e) => e.locale === locale).length;
      const h = heldout.filter((e) => e.locale === locale).length;
      expect(h / (t + h), locale).toBeGreaterThanOrEqual(0.2);
      for (const intent of INTENTS) expect(train.filter((e) => e.locale === locale && e.intent === intent).length, `${locale} ${intent}`).toBeGreaterThanOrEqual(40);
    }
    expect(heldout.filter((e) => seen.has(`${e.locale}\t${e.text}`))).toEqual([]);
  });

  it("does as asked for most unseen requests in every language, and never stops or erases by mistake", () => {
    const done: Record<string, [number, number]> = {};
    const wrongStops: string[] = [];
    for (const e of heldout) {
      const r = answer(e);
      const ok = DONE[e.intent](r);
      const d = (done[e.locale] ??= [0, 0]);
      d[0] += +ok;
      d[1]++;
      if (e.intent !== "stop" && e.intent !== "erase" && r.effects.some((x) => x.type === "opt_out" || x.type === "erase_me")) wrongStops.push(`${e.locale} ${e.intent}: ${e.text}`);
    }
    const rates = Object.fromEntries(Object.entries(done).map(([l, [ok, n]]) => [l, Math.round((1000 * ok) / n) / 10]));
    console.log("done as asked on the held-out part, per language (%):", JSON.stringify(rates), "stopped or erased by mistake:", wrongStops.length, wrongStops);
    // The goal is 90 in every language (README, "Understanding"), met today by a point or less in some:
    // the floor leaves room for the noise of one round of writing, not for a regression.
    for (const [locale, rate] of Object.entries(rates)) expect(rate, locale).toBeGreaterThanOrEqual(87);
    expect(wrongStops.length, wrongStops.join("\n")).toBeLessThanOrEqual(2);
  });
});

describe("the engine does each intent, in each language", () => {
  const train = readCorpus(CORPUS_DIR);
  // The first line of each intent in each language whose words the model has learnt: a table of
  // 11 × 23 rows, events in, what the bot does out.
  const rows = LOCALES.flatMap((locale) => INTENTS.map((intent) => train.find((e) => e.locale === locale && e.intent === intent)!));
  it.each(rows.map((e) => [e.locale, e.intent, e.text, e] as const))("%s %s: %s", (_l, intent, _t, e) => {
    expect(DONE[intent](answer(e)), JSON.stringify(answer(e).replies.map((r) => ("say" in r ? r.say.key : r.type)))).toBe(true);
  });
});

describe("typed choices", () => {
  it("a number in words or in any digits picks the choice, like a tap", async () => {
    const { resolveTypedChoice } = await import("../../../src/app/turn/choices.ts");
    const { i18n } = await realTexts();
    const offered = [{ id: "a", key: "menu.items.sessions" }, { id: "b", key: "menu.items.sale" }, { id: "c", key: "menu.items.totals" }];
    expect(["deux", "два", "دو", "٢", "২", "two"].map((t) => resolveTypedChoice(t, offered, i18n))).toEqual(["b", "b", "b", "b", "b", "b"]);
    expect(resolveTypedChoice("sept", offered, i18n)).toBeUndefined();
  });

  it("one word of a choice, or its start, picks it when no other choice has it: 'annule', 'accepte', 'cozinha'", async () => {
    const { resolveTypedChoice } = await import("../../../src/app/turn/choices.ts");
    const { i18n } = await realTexts();
    const actions = [{ id: "ss:move:s1", key: "manage.move" }, { id: "ss:cancel:s1", key: "manage.cancel" }];
    expect(resolveTypedChoice("annule", actions, i18n)).toBe("ss:cancel:s1");
    expect(resolveTypedChoice("deplacer", actions, i18n)).toBe("ss:move:s1");
    const review = [{ id: "rv:accept", label: "✅ Accepter" }, { id: "rv:decline", label: "❌ Refuser" }];
    expect(resolveTypedChoice("accepte", review, i18n)).toBe("rv:accept");
    expect(resolveTypedChoice("refuse", review, i18n)).toBe("rv:decline");
    expect(resolveTypedChoice("cozinha", [{ id: "f:food", label: "🍽️ Cozinha, refeições" }, { id: "f:craft", label: "🧵 Artesanato" }], i18n)).toBe("f:food");
    // Words shared by several choices, short words and sentences pick nothing.
    expect(resolveTypedChoice("oui", [{ id: "y", label: "✅ Oui, annuler" }, { id: "n", label: "↩️ Non, garder" }], i18n)).toBeUndefined();
    expect(resolveTypedChoice("formation", [{ id: "x", label: "📅 Formation A" }, { id: "y", label: "📅 Formation B" }], i18n)).toBeUndefined();
    expect(resolveTypedChoice("je veux annuler la vente", actions, i18n)).toBeUndefined();
  });

  it("where the choices are numbers themselves ('how many?'), a typed number is that number, not a position", async () => {
    const { resolveTypedChoice } = await import("../../../src/app/turn/choices.ts");
    const { i18n } = await realTexts();
    const quantities = [1, 2, 3, 5, 10].map((n) => ({ id: `sale:qty:${n}`, key: "sale.quantity_choice", params: { n } }));
    expect(resolveTypedChoice("5", quantities, i18n)).toBe("sale:qty:5");
    expect(resolveTypedChoice("٣", quantities, i18n)).toBe("sale:qty:3");
    // 4 is not offered: the text goes on as typed, and the sale flow reads the quantity 4 (not the fourth choice, 5).
    expect(resolveTypedChoice("4", quantities, i18n)).toBeUndefined();
    expect(resolveTypedChoice("٤", quantities, i18n)).toBeUndefined();
  });
});
