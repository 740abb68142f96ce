import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../src/app/inbound/ingest.ts";
import type { InboundMessage } from "../../src/core/inbound.ts";
import { LOCALES, type Locale } from "../../src/core/locales.ts";
import { detectCommand } from "../../src/engine/commands.ts";
import { typedNumber } from "../../src/core/text.ts";
import { importProgramme } from "../../src/programme/import.ts";
import type { Update } from "grammy/types";
import { FAKE_TOKEN, startFakeTelegram, type FakeTelegram } from "../fakes/telegram-server.ts";
import type { FakeWhatsApp } from "../fakes/whatsapp-server.ts";
import { postWhatsApp, tgTextUpdate, waTextBody } from "../support/platforms.ts";
import { rng } from "../support/rng.ts";
import { fuzzText, type FuzzKind } from "./fuzz-text.ts";
import { faultEnv, programmeOf, startInProcess, tally, waitFor, whatsappEnv, type FaultEnv, type InProcess } from "./support.ts";

/**
 * Hostile messages (tests/faults/fuzz-text.ts) from 200 members whose language is known
 * (imported with a locale, 11 languages in turn), through `ingest` and the real queues on the console
 * channel, in batches. No crash, every message gets a reply, and every reply is in the person's
 * language: it holds a sentence of that language's texts that French does not have, and the
 * language's own script where it has one. Texts that would pick a menu choice (one or two digits
 * alone) or name a command are drawn again: they change the conversation (or the language) on
 * purpose, which is tested elsewhere.
 */
/*
 * The brief asks for 10,000 messages (FUZZ_PER_PERSON=50). Measured here, the inbound pipeline handles
 * about 35 messages/s on this 2-core machine (shared with other test runs): 10,000 take about 5 minutes
 * (they pass), more than the whole folder's budget. The folder run uses 2,000 (10 per person); set
 * FUZZ_PER_PERSON=50 for the full count.
 */
const PEOPLE = 200;
const PER_PERSON = Number(process.env.FUZZ_PER_PERSON ?? 10);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);

let fault: FaultEnv;
let svc: InProcess;
let wa: FakeWhatsApp;
let tg: FakeTelegram;

beforeAll(async () => {
  fault = await faultEnv("fuzz");
  wa = await fault.whatsapp();
  tg = await startFakeTelegram();
  fault.defer(() => tg.close());
  // WhatsApp webhooks, and Telegram by long polling (no webhook secret), next to the console.
  svc = await startInProcess(fault, { env: { ...whatsappEnv(wa.baseUrl), TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: tg.apiRoot } });
});
afterAll(async () => {
  await fault?.cleanup();
});

/** Fragments of each language's texts (placeholders cut out), at least 8 characters long. */
function fragments(locale: Locale): Set<string> {
  const out = new Set<string>();
  const walk = (value: unknown, key: string) => {
    if (key.startsWith("keywords")) return;
    if (typeof value === "string") {
      for (const part of value.split(/\{\{[^}]*\}\}|\n|\$t\([^)]*\)/u)) {
        const f = part.trim();
        if ([...f].length >= 8) out.add(f);
      }
    } else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, key ? `${key}.${k}` : k);
  };
  walk(JSON.parse(readFileSync(`locales/${locale}.json`, "utf8")), "");
  return out;
}

const SCRIPTS: Partial<Record<Locale, RegExp>> = {
  ar: /\p{Script=Arabic}/u,
  fa: /\p{Script=Arabic}/u,
  ps: /\p{Script=Arabic}/u,
  ru: /\p{Script=Cyrillic}/u,
  uk: /\p{Script=Cyrillic}/u,
  bn: /\p{Script=Bengali}/u,
  ti: /\p{Script=Ethiopic}/u,
};

function intentText(intent: unknown): string {
  const i = intent as { text?: string; choices?: { label?: string }[]; buttons?: { label?: string }[] };
  return [i.text ?? "", ...(i.choices ?? []).map((c) => c.label ?? ""), ...(i.buttons ?? []).map((b) => b.label ?? "")].join("\n");
}

describe(`fuzz: ${PEOPLE * PER_PERSON} hostile messages from ${PEOPLE} people of known languages`, () => {
  it("no crash, a reply to every message, in the person's language", { timeout: 600_000 }, async () => {
    const { lexicon } = svc.service.deps.reader;
    const people = Array.from({ length: PEOPLE }, (_, i) => ({ externalId: `fz-${i}`, locale: LOCALES[i % LOCALES.length]! }));
    await importProgramme(fault.prisma, programmeOf({ key: "fuzz", members: people.map((p) => ({ channel: "console", ...p })) }));

    const r = rng(SEED);
    const kinds = new Map<string, FuzzKind>();
    const base = Date.now() - 3600_000;
    const rounds: InboundMessage[][] = [];
    for (let round = 0; round < PER_PERSON; round++) {
      const batch: InboundMessage[] = [];
      for (const [i, p] of people.entries()) {
        let drawn = fuzzText(r, p.locale);
        while (typedNumber(drawn.text) !== undefined || detectCommand(drawn.text, lexicon)) drawn = fuzzText(r, p.locale);
        const id = `fz-${SEED}-${round}-${i}`;
        kinds.set(id, drawn.kind);
        batch.push({ channel: "console", externalId: p.externalId, platformMessageId: id, sentAt: new Date(base + round * 1000 + i), kind: "text", text: drawn.text });
      }
      rounds.push(batch);
    }

    const t0 = Date.now();
    // A round at a time (one message from each person), in 8 parallel batches of 25.
    for (const batch of rounds) {
      const results = await Promise.all(Array.from({ length: 8 }, (_, k) => ingest(svc.service.deps, { messages: batch.filter((_, j) => j % 8 === k) })));
      expect(results.reduce((n, x) => n + x.accepted, 0)).toBe(batch.length);
    }
    const tIngested = Date.now();
    const total = PEOPLE * PER_PERSON;
    await waitFor("every message handled", async () => (await fault.prisma.inboundMessage.count({ where: { status: "received" } })) === 0, 500_000, 500);
    const tHandled = Date.now();
    await waitFor("every reply sent", async () => (await fault.prisma.outboundMessage.count({ where: { status: { in: ["queued", "sending"] } } })) === 0, 120_000, 500);
    const tSent = Date.now();

    const inbound = await fault.prisma.inboundMessage.findMany({ select: { id: true, platformMessageId: true, externalId: true, status: true, error: true } });
    const outbound = await fault.prisma.outboundMessage.findMany({ select: { idempotencyKey: true, externalId: true, status: true, intent: true, errorCode: true } });
    console.log(
      `[fuzz] seed ${SEED}: ${total} messages ingested in ${((tIngested - t0) / 1000).toFixed(1)} s, handled after ${((tHandled - t0) / 1000).toFixed(1)} s, ` +
        `${outbound.length} replies sent after ${((tSent - t0) / 1000).toFixed(1)} s; kinds ${JSON.stringify(Object.fromEntries(tally(kinds.values())))}`,
    );

    // No crash: every message recorded and handled without the engine failing.
    expect(inbound).toHaveLength(total);
    const failed = inbound.filter((m) => m.status !== "processed");
    expect(failed.map((m) => `${m.platformMessageId} (${kinds.get(m.platformMessageId)}): ${m.error}`)).toEqual([]);

    // A reply to every message, all sent.
    const repliesOf = new Map<string, typeof outbound>();
    for (const o of outbound) {
      const inboundId = /^reply:([^:]+):/u.exec(o.idempotencyKey)?.[1];
      if (inboundId) repliesOf.set(inboundId, [...(repliesOf.get(inboundId) ?? []), o]);
    }
    const unanswered = inbound.filter((m) => !repliesOf.get(m.id)?.length);
    expect(unanswered.map((m) => `${m.platformMessageId} (${kinds.get(m.platformMessageId)})`)).toEqual([]);
    const notSent = outbound.filter((o) => o.status !== "sent");
    expect(notSent.map((o) => `${o.idempotencyKey}: ${o.status} ${o.errorCode}`)).toEqual([]);

    // In the person's language.
    const own = new Map(LOCALES.map((l) => [l, fragments(l)]));
    const french = own.get("fr")!;
    const distinct = new Map(LOCALES.map((l) => [l, new Set([...own.get(l)!].filter((f) => l === "fr" || !french.has(f)))]));
    const localeOf = new Map(people.map((p) => [p.externalId, p.locale]));
    const wrong: string[] = [];
    for (const m of inbound) {
      const locale = localeOf.get(m.externalId)!;
      for (const reply of repliesOf.get(m.id) ?? []) {
        const text = intentText(reply.intent);
        const ownText = [...distinct.get(locale)!].some((f) => text.includes(f));
        const script = SCRIPTS[locale]?.test(text.replace(/\p{N}/gu, "")) ?? true;
        if (!ownText || !script) wrong.push(`${locale} ${m.platformMessageId} (${kinds.get(m.platformMessageId)}): ${JSON.stringify(text.slice(0, 120))}`);
      }
    }
    expect(wrong.slice(0, 20), `${wrong.length} replies not in the person's language`).toEqual([]);
    // The people's languages did not move: nothing in the fuzz was a language choice.
    const persons = await fault.prisma.person.findMany({ select: { locale: true, identities: { select: { externalId: true } } } });
    for (const p of persons) expect(p.locale).toBe(localeOf.get(p.identities[0]!.externalId));
  });
});

/*
 * Once a bug, fixed (src/app/record-inbound.ts, and every text column written from a message): PostgreSQL text and
 * jsonb cannot hold U+0000, so the INSERT of a message containing it fails (22021 "invalid byte
 * sequence for encoding UTF8: 0x00"); `ingest` throws and the webhook answers 503, for ever: Meta
 * redelivers a message that can never be stored. On Telegram long polling the loop retries the same
 * update for ever (polling.ts handleUntilDone), so nobody's later messages are read at all.
 */
describe("a message containing U+0000 (NUL)", () => {
  it("on WhatsApp: stored and answered, not refused for ever", { timeout: 30_000 }, async () => {
    const from = "33680000001";
    const body = waTextBody(from, "Bonjour\u0000 je voudrais m'inscrire");
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await postWhatsApp(svc.baseUrl, body)).status); // Meta redelivers a refused one
    const answered = await waitFor("an answer", () => wa.sent().some((m) => m["to"] === from), 10_000).catch(() => false);
    console.log(`[fuzz] NUL on WhatsApp: webhook answered ${statuses.join(", ")}; answered: ${answered}`);
    expect(statuses[0]).toBe(200);
    expect(answered).toBe(true);
  });

  it("on Telegram long polling: the updates after it are still read and answered", { timeout: 30_000 }, async () => {
    tg.queueUpdates(tgTextUpdate(71000001, "hello\u0000world", "en") as Update, tgTextUpdate(71000002, "/start", "fr") as Update);
    const answeredTo = (chat: number) => tg.callsTo("sendMessage").some((c) => String(c.params["chat_id"]) === String(chat));
    const next = await waitFor("the next person answered", () => answeredTo(71000002), 15_000).catch(() => false);
    console.log(`[fuzz] NUL on Telegram polling: the next update answered: ${next}; updates still pending: ${tg.pendingUpdates().length}`);
    expect(next).toBe(true);
    expect(answeredTo(71000001)).toBe(true);
  });
});

/*
 * Once a bug, fixed (src/app/handle-inbound.ts): a batch of messages from one person is handled in one transaction,
 * but each turn's replies are dispatched as their own outbound job, and the outbound worker runs 16
 * jobs at once: the replies to a burst reach the person interleaved (the menu answering message 1
 * arrives after the answer to message 2). Seen in the fuzz; here four messages in one webhook, and a
 * platform taking 200 ms per request.
 */
describe("a burst of messages from one person", () => {
  it("is answered in the order of the messages", { timeout: 30_000 }, async () => {
    const from = "33680000002";
    await importProgramme(fault.prisma, programmeOf({ key: "burst", members: [{ channel: "whatsapp", externalId: from, locale: "fr" }] }));
    const bodies = ["xqzw", "plorf", "zzzkk", "wibble"].map((t) => waTextBody(from, t));
    const burst = bodies[0]!;
    // WhatsApp may put several messages in one webhook: these four, one second apart.
    burst.entry[0]!.changes[0]!.value.messages = bodies.map((b, i) => ({ ...b.entry[0]!.changes[0]!.value.messages[0]!, timestamp: String(Math.floor(Date.now() / 1000) - 10 + i) }));
    wa.latencyMs = 200;
    try {
      expect((await postWhatsApp(svc.baseUrl, burst)).status).toBe(200);
      await waitFor("every reply sent", async () => (await fault.prisma.outboundMessage.count({ where: { externalId: from, status: { in: ["queued", "sending"] } } })) === 0 && (await fault.prisma.inboundMessage.count({ where: { externalId: from, status: "received" } })) === 0, 20_000);
    } finally {
      wa.latencyMs = 0;
    }
    const inbound = await fault.prisma.inboundMessage.findMany({ where: { externalId: from }, orderBy: { sentAt: "asc" } });
    const rows = await fault.prisma.outboundMessage.findMany({ where: { externalId: from } });
    const rank = (key: string) => {
      const [, id, index] = /^reply:([^:]+):(\d+)/u.exec(key)!;
      return inbound.findIndex((m) => m.id === id) * 100 + Number(index);
    };
    // What the person should read, in order (each reply's first characters), and what reached WhatsApp, in order.
    const expected = rows.sort((a, b) => rank(a.idempotencyKey) - rank(b.idempotencyKey)).map((r) => head((r.intent as { text?: string }).text));
    const arrived = wa.requests
      .map((q) => q.body as { to?: string; text?: { body?: string }; interactive?: { body?: { text?: string } } } | undefined)
      .filter((b) => b?.to === from)
      .map((b) => head(b!.text?.body ?? b!.interactive?.body?.text));
    console.log(`[fuzz] burst of ${inbound.length}: expected ${JSON.stringify(expected)}, WhatsApp received ${JSON.stringify(arrived)}`);
    expect(arrived).toEqual(expected);
  });
});

function head(text: string | undefined): string {
  return [...(text ?? "")].slice(0, 12).join("");
}
