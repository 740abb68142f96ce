import type { TFunction } from "i18next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCALES, type Locale } from "../../src/core/locales.ts";
import { importProgramme } from "../../src/programme/import.ts";
import { readCorpus, type Example } from "../../src/understanding/corpus.ts";
import { INTENTS, type Intent } from "../../src/understanding/index.ts";
import { HELDOUT_DIR } from "../../src/understanding/load.ts";
import type { FakeTelegram } from "../fakes/telegram-server.ts";
import type { FakeWhatsApp } from "../fakes/whatsapp-server.ts";
import { postTelegram, startWithPlatforms, tgTextUpdate } from "../support/platforms.ts";
import { eventually, type TestService } from "../support/service.ts";
import { COORDINATOR_ASKED } from "../unit/understanding/done-as-asked.ts";

/**
 * Unseen everyday requests, end to end: held-out messages (never learnt from, never tuned on) posted
 * to the Telegram webhook by members of a cohort (coordinators for their intents), each from a person
 * of their own; what the bot did is read from the messages it sent and from the database.
 */
/** Two per intent and language in the suite; `UNDERSTANDING_E2E_PER_INTENT=1000` sends the whole held-out part (about 10 minutes). */
const PER_INTENT = Number(process.env.UNDERSTANDING_E2E_PER_INTENT ?? 2);
/** Time for everything to be handled, scaled with the number of messages. */
const SCALE = Math.max(1, PER_INTENT / 2);
const FIRST_ID = 63_000_000;

let wa: FakeWhatsApp;
let tg: FakeTelegram;
let svc: TestService;
let cases: (Example & { chat: number })[];

/**
 * Pieces of a text as the person reads it, whatever the numbers and names put in it: for each plural
 * form (counts 0, 1, 2, 3, 5, 11, 100), its longest stretch without a number or a placeholder.
 */
function pieces(t: TFunction, key: string): string[] {
  return [0, 1, 2, 3, 5, 11, 100].map((count) => {
    const text = t(key, { count, interpolation: { skipOnVariables: true } });
    return text.split(/\{\{[^}]*\}\}|[0-9٠-٩۰-۹০-৯]+/u).map((p) => p.trim()).sort((x, y) => y.length - x.length)[0]!.slice(0, 24);
  });
}

/** The replies that show each intent was done, as translation keys. */
const SHOWN_BY: Partial<Record<Intent, string[]>> = {
  menu: ["menu.title"],
  language: ["language.choose", "language.set"],
  mydata: ["mydata.erase_offer"],
  erase: ["erase.confirm"],
  undo: ["undo.confirm", "undo.nothing", "undo.which", "undo.fix_confirm"],
  totals: ["totals.title", "totals.none"],
  sessions: ["sessions.next", "understand.answer_time", "understand.answer_place"],
  sale: ["sale.ask_kind", "sale.ask_item"],
  expense: ["sale.ask_kind", "sale.ask_item_expense"],
  greeting: ["understand.greeting"],
  thanks: ["understand.thanks"],
  question: ["understand.answer_place", "understand.answer_time", "understand.question_forwarded", "sessions.next"],
  applications: ["review.list", "review.none"],
  export: ["export.caption"],
  broadcast: ["broadcast.ask_audience", "broadcast.ask_audience_kept", "broadcast.ask_more"],
  roadmap: ["roadmap_write.who", "roadmap_write.no_member"],
  rsvp_yes: ["rsvp.which", "rsvp.no_session_that_day"],
  rsvp_no: ["rsvp.which", "rsvp.no_session_that_day"],
  rsvp_late: ["rsvp.which", "rsvp.no_session_that_day"],
};
const SALE_LINES: Partial<Record<Intent, string>> = { sale: "sale.kind.sale", expense: "sale.kind.expense" };

beforeAll(async () => {
  ({ wa, tg, svc } = await startWithPlatforms());
  const heldout = readCorpus(HELDOUT_DIR);
  cases = LOCALES.flatMap((locale) => INTENTS.flatMap((intent) => heldout.filter((e) => e.locale === locale && e.intent === intent).slice(0, PER_INTENT))).map((e, i) => ({ ...e, chat: FIRST_ID + i }));
  const day = (d: number, h: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10) + `T${String(h).padStart(2, "0")}:30`;
  const person = (c: (typeof cases)[number]) => ({ channel: "telegram" as const, externalId: String(c.chat), name: `P${c.chat - FIRST_ID}`, locale: c.locale });
  await importProgramme(svc.service.deps.prisma, {
    cohorts: [
      {
        key: "words",
        name: "Coopérative des mots",
        startsOn: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
        endsOn: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10),
        sessions: [
          { key: "s1", title: "Fixer ses prix", startsAt: day(1, 9), endsAt: day(1, 12), location: "Migracoop, Paris 11e" },
          { key: "s2", title: "Hygiène", startsAt: day(4, 9), endsAt: day(4, 12), location: "Migracoop, Paris 11e" },
        ],
        members: cases.filter((c) => !COORDINATOR_ASKED.has(c.intent)).map(person),
        // One coordinator receives what members ask for a person.
        coordinators: [{ channel: "telegram", externalId: String(FIRST_ID - 1), name: "Amina" }],
      },
      {
        // The coordinators asking their commands lead a cohort of their own, so members' messages for a person do not crowd their chats.
        key: "words-staff",
        name: "Coopérative de l'équipe",
        startsOn: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
        endsOn: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10),
        sessions: [],
        members: [],
        coordinators: cases.filter((c) => COORDINATOR_ASKED.has(c.intent)).map(person),
      },
    ],
  });
  // Those asking to start again had stopped the messages.
  const stopped = cases.filter((c) => c.intent === "start").map((c) => String(c.chat));
  await svc.service.deps.prisma.person.updateMany({ where: { identities: { some: { channel: "telegram", externalId: { in: stopped } } } }, data: { optedOutAt: new Date() } });
}, 120_000 * SCALE);

afterAll(async () => {
  await svc?.stop();
  await wa?.close();
  await tg?.close();
});

describe(`unseen requests through the Telegram webhook, ${PER_INTENT} per intent and language`, () => {
  it("does as asked, in every language, and stops nobody by mistake", { timeout: 300_000 * SCALE }, async () => {
    for (const c of cases) expect((await postTelegram(svc.baseUrl, tgTextUpdate(c.chat, c.text, c.locale))).status).toBe(200);
    // Every message handled (replied to, or kept silent for someone who stopped and did not ask back).
    await eventually(async () => (await svc.service.deps.prisma.inboundMessage.count({ where: { channel: "telegram", status: { in: ["processed", "failed"] } } })) >= cases.length, 240_000 * SCALE);
    const chats = cases.map((c) => String(c.chat));
    await eventually(async () => (await svc.service.deps.prisma.outboundMessage.count({ where: { externalId: { in: chats }, status: { in: ["queued", "sending"] } } })) === 0, 180_000 * SCALE);

    const prisma = svc.service.deps.prisma;
    const people = await prisma.person.findMany({ include: { identities: true, rsvps: true, relayThreads: true } });
    const byChat = new Map(people.flatMap((p) => p.identities.map((i) => [i.externalId, p] as const)));
    const texts = new Map<string, string>();
    for (const call of [...tg.callsTo("sendMessage"), ...tg.callsTo("sendDocument")]) {
      const chat = String(call.params["chat_id"]);
      texts.set(chat, `${texts.get(chat) ?? ""}\n${String(call.params["text"] ?? call.params["caption"] ?? "")}`);
    }
    const done: Record<string, [number, number]> = {};
    const misses: string[] = [];
    const wrongStops: string[] = [];
    for (const c of cases) {
      const p = byChat.get(String(c.chat))!;
      const t = svc.service.deps.i18n.getFixedT(c.locale as Locale);
      const said = texts.get(String(c.chat)) ?? "";
      const shows = (keys: string[]) => keys.some((k) => pieces(t, k).some((p) => said.includes(p)));
      const rsvp = p.rsvps[0];
      const ok =
        c.intent === "stop" ? !!p.optedOutAt
        : c.intent === "start" ? !p.optedOutAt
        : c.intent === "human" ? p.relayThreads.length > 0
        : c.intent === "rsvp_yes" ? (rsvp?.answer === "yes" && !rsvp.late) || shows(SHOWN_BY.rsvp_yes!)
        : c.intent === "rsvp_no" ? rsvp?.answer === "no" || shows(SHOWN_BY.rsvp_no!)
        : c.intent === "rsvp_late" ? !!rsvp?.late || shows(SHOWN_BY.rsvp_late!)
        : c.intent === "sale" || c.intent === "expense" ? said.includes(t(SALE_LINES[c.intent]!)) || shows(SHOWN_BY[c.intent]!)
        : c.intent === "question" ? shows(SHOWN_BY.question!) || p.relayThreads.length > 0
        : c.intent === "language" ? shows(SHOWN_BY.language!) || p.locale !== c.locale
        : c.intent === "unknown" ? !p.optedOutAt && !rsvp
        : shows(SHOWN_BY[c.intent]!);
      const d = (done[c.locale] ??= [0, 0]);
      d[0] += +ok;
      d[1]++;
      if (!ok) misses.push(`${c.locale} ${c.intent}: ${c.text}`);
      if (c.intent !== "stop" && p.optedOutAt && c.intent !== "start") wrongStops.push(`${c.locale} ${c.intent}: ${c.text}`);
    }
    const rates = Object.fromEntries(Object.entries(done).map(([l, [ok, n]]) => [l, Math.round((1000 * ok) / n) / 10]));
    console.log("end to end, done as asked per language (%):", JSON.stringify(rates), "\nnot done:\n" + misses.join("\n"));
    expect(wrongStops).toEqual([]);
    for (const [locale, rate] of Object.entries(rates)) expect(rate, locale).toBeGreaterThanOrEqual(60);
  });
});
