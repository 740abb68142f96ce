import { beforeAll, describe, expect, it } from "vitest";
import type { Reader } from "../../../src/engine/reader.ts";
import { step } from "../../../src/engine/engine.ts";
import type { Conversation, EngineContext, EngineResult, MessageEvent, PersonView, Reply } from "../../../src/engine/types.ts";
import { realTexts } from "../../support/i18n.ts";

let reader: Reader;
beforeAll(async () => {
  reader = (await realTexts()).reader;
});

// 23:30 UTC on 30 November is already 1 December in Paris: "today" is the person's local day.
const NOW = new Date("2026-11-30T23:30:00Z");
const member: PersonView = { locale: "fr", localeConfirmed: true, role: "participant", stage: "member", optedOut: false, firstName: "Awa", timezone: "Europe/Paris" };
const idle: Conversation = { flow: null, step: null, data: {} };
const ctx: EngineContext = { hasConsent: true, application: null, lastTransaction: null };
const choiceIds = (r: EngineResult) => r.replies.flatMap((x) => (x.type === "choices" ? x.choices.map((c) => c.id) : []));
const keys = (r: EngineResult) => r.replies.map((x: Reply) => ("say" in x ? x.say.key : x.type));

function run(event: Partial<MessageEvent>, conversation = idle, context = ctx, person = member, now = NOW): EngineResult {
  return step({ person, conversation, context, event: { type: "message", ...event }, now, defaultLocale: "fr" }, reader);
}
function play(events: Partial<MessageEvent>[]) {
  let c = idle;
  const out: EngineResult[] = [];
  for (const e of events) {
    const r = run(e, c);
    c = r.conversation;
    out.push(r);
  }
  return out;
}

describe("sales in the chat", () => {
  it("reads a sale back and records nothing before confirmation", () => {
    const r = run({ text: "vendu 3 plats à 12€" });
    const check = r.replies[0]!;
    expect(check).toMatchObject({
      type: "choices",
      say: { key: "sale.line_unit_sale", params: { quantity: 3, item: "plats", unit: { money: 1200, currency: "EUR" }, total: { money: 3600, currency: "EUR" }, date: { date: "2026-12-01" } } },
    });
    expect(check.type === "choices" && check.choices.map((c) => c.id)).toEqual(["sale:ok", "sale:fix", "sale:cancel"]);
    expect(r.effects).toEqual([]);
  });

  it("reads '12 reais', '200 টাকা' in euros and says so at 'is this right?', naming the word typed; recorded in euros", () => {
    const [check, done] = play([{ text: "vendi 3 bolos a 4 reais" }, { choiceId: "sale:ok" }]);
    const card = check!.replies[0]!;
    expect(card.type === "choices" && card.lines).toEqual([{ key: "sale.in_euros", params: { said: "reais" } }, { key: "sale.is_it_right" }]);
    expect(done!.effects[0]).toMatchObject({ type: "record_transaction", transaction: { amountCents: 1200, currency: "EUR" } });
    const euros = run({ text: "vendu 3 plats à 12€" }).replies[0]!;
    expect(euros.type === "choices" && euros.lines).toEqual([{ key: "sale.is_it_right" }]);
  });

  it("says when the same line was recorded minutes ago (a message sent twice), and records it again only on yes", () => {
    const recent = { id: "t1", kind: "sale" as const, item: "plats", quantity: 3, unitPriceCents: 1200, amountCents: 3600, currency: "EUR", occurredOn: "2026-12-01", recordedAt: "2026-11-30T23:25:00Z" };
    const twice = run({ text: "vendu 3 plats à 12€" }, idle, { ...ctx, recentTransactions: [recent] }).replies[0]!;
    expect(twice.type === "choices" && twice.lines).toContainEqual({ key: "sale.already_recorded", params: { minutes: 5 } });
    // Another amount, or an hour later: nothing said.
    for (const other of [{ ...recent, amountCents: 2400, quantity: 2 }, { ...recent, recordedAt: "2026-11-30T22:00:00Z" }]) {
      const card = run({ text: "vendu 3 plats à 12€" }, idle, { ...ctx, recentTransactions: [other] }).replies[0]!;
      expect(card.type === "choices" && (card.lines ?? []).some((l) => l.key === "sale.already_recorded")).toBe(false);
    }
  });

  it("reads 'c 5 yassa pas 4' as the quantity corrected, even when 5 is also the price, before and after the yes", () => {
    const [, fixed] = play([{ text: "vendu 4 yassa a 5 euros" }, { text: "non je me suis trompé c 5 yassa pas 4" }]);
    expect(keys(fixed!)).toEqual(["sale.line_unit_sale"]);
    expect(fixed!.conversation.data["draft"]).toMatchObject({ quantity: 5, unitPriceCents: 500, amountCents: 2500 });
    expect(fixed!.effects).toEqual([]);
    // Recorded already: "Correct this entry?", 3 → 5 at 5 € each.
    const recorded = { id: "t1", kind: "sale" as const, item: "yassa", quantity: 3, unitPriceCents: 500, amountCents: 1500, currency: "EUR", occurredOn: "2026-12-01", recordedAt: "2026-11-30T23:20:00Z" };
    const asked = run({ text: "non je me suis trompé c 5 yassa pas 3" }, idle, { ...ctx, lastTransaction: recorded, recentTransactions: [recorded] });
    expect(keys(asked)).toEqual(["undo.fix_confirm"]);
    expect(asked.conversation.data["fixed"]).toMatchObject({ quantity: 5, amountCents: 2500 });
  });

  it("'annule la dernière' while several entries wait removes that one only", () => {
    const [, both, dropped] = play([{ text: "jai vendu deux thieb a 8 euro" }, { text: "achat riz 25e au marché" }, { text: "annule la derniere" }]);
    expect(both!.conversation.data["earlier"]).toHaveLength(1);
    expect(keys(dropped!)).toEqual(["sale.dropped_last", "sale.line_unit_sale"]);
    expect(dropped!.conversation.data["draft"]).toMatchObject({ item: "thieb", amountCents: 1600 });
    expect(dropped!.effects).toEqual([]);
    // One entry alone: "annule" drops it, as before.
    expect(keys(play([{ text: "vendu 3 plats à 12€" }, { text: "annule la derniere" }])[1]!)[0]).toBe("sale.cancelled");
  });

  it("says what of a long message it did not read, never drops it unsaid", () => {
    for (const [words, rest] of [
      ["jai vendu deux thieb a 8 euro et 5 beignets a 1.50", "et 5 beignets a 1.50"],
      ["g vendu 6 mafé a 9 euro et aussi g acheté du poulet pour 22 euro et jeudi je pourrai pas venir", "et aussi g acheté du poulet pour 22 euro et jeudi je pourrai pas venir"],
    ] as const) {
      const card = run({ text: words }).replies[0]!;
      expect(card.type === "choices" && card.lines, words).toContainEqual({ key: "sale.rest_not_read", params: { rest } });
    }
    // An entry naming several items counts their amounts: only what follows them is quoted.
    const merged = run({ text: "aujourd'hui j'ai vendu 3 yassa à 5 euros et 2 bissap à 2 euros puis j'ai acheté du riz pour 10 euros" }).replies[0]!;
    expect(merged.type === "choices" && merged.lines).toContainEqual({ key: "sale.rest_not_read", params: { rest: "puis j'ai acheté du riz pour 10 euros" } });
    // A clause after the entry naming a day is the person's news, not the entry's date: today's entry, and the clause said.
    const told = run({ text: "vendu 5 plats a 10e, jeudi je viens" });
    expect(told.conversation.data["draft"]).toMatchObject({ occurredOn: null });
    const card = told.replies[0]!;
    expect(card.type === "choices" && card.lines).toContainEqual({ key: "sale.rest_not_read", params: { rest: "jeudi je viens" } });
    for (const words of ["hier j'ai vendu 3 plats à 12€", "vendu 3 plats à 12€ hier", "vendu 3 plats à 12€, hier"]) {
      expect(run({ text: words }).conversation.data["draft"], words).toMatchObject({ occurredOn: "2026-11-30" });
    }
    // Nothing more said, or several entries read: no such line.
    for (const words of ["vendu 3 plats à 12€ au marché", "vendu 3 plats à 12€ = 36€", "vendí 3 empanadas a 2€ y 2 tamales a 3€"]) {
      const card = run({ text: words }).replies[0]!;
      expect(card.type === "choices" && (card.lines ?? []).some((l) => l.key === "sale.rest_not_read"), words).toBe(false);
    }
  });

  it("records on confirmation, in integer cents, on the person's local date", () => {
    const [, done] = play([{ text: "بعت ٣ وجبات ب ٤٥ يورو" }, { choiceId: "sale:ok" }]);
    expect(keys(done!)).toEqual(["sale.recorded_sale", "sale.undo_hint", "menu.title"]);
    expect(done!.effects).toEqual([
      { type: "record_transaction", transaction: { kind: "sale", item: "وجبات", quantity: 3, unitPriceCents: 1500, amountCents: 4500, currency: "EUR", text: "بعت ٣ وجبات ب ٤٥ يورو", occurredOn: "2026-12-01" } },
    ]);
  });

  it("while a sale waits for 'is this right?': the same thing again corrects it, another sale joins it, a clear question is answered and the sale asked again", () => {
    const [, corrected] = play([{ text: "vendu 3 plats à 12€" }, { text: "vendu 4 plats à 12€" }]);
    expect(keys(corrected!)).toEqual(["sale.line_unit_sale"]);
    expect(corrected!.replies[0]).toMatchObject({ say: { params: { quantity: 4, total: { money: 4800, currency: "EUR" } } } });
    expect(corrected!.conversation).toMatchObject({ flow: "sale", step: "confirm" });
    expect(corrected!.effects).toEqual([]);
    // Sales sent one after another, without tapping "yes": none is lost, all are recorded by one yes.
    const [, , both, recorded] = play([{ text: "vendu 3 plats à 12€" }, { text: "vendu 2 robes à 30€" }, { text: "j'ai acheté de la farine pour 8€" }, { choiceId: "sale:ok" }]);
    expect(both!.replies[0]).toMatchObject({ say: { key: "sale.to_record" }, lines: [{ key: "sale.line_unit_sale" }, { key: "sale.line_unit_sale" }, { key: "sale.line_total_expense" }, { key: "sale.is_it_right" }] });
    expect(recorded!.effects.map((e) => e.type === "record_transaction" && [e.transaction.kind, e.transaction.amountCents])).toEqual([["sale", 3600], ["sale", 6000], ["expense", 800]]);
    expect(keys(recorded!)[0]).toBe("sale.recorded_all");
    // "and 2 coffees 1.50 each": no sale word and no currency, but it adds to the sale waiting.
    const [, , more] = play([{ text: "sold 3 cakes 5 euros each" }, { text: "and 2 coffees 1.50 each" }, { choiceId: "sale:ok" }]);
    expect(more!.effects.map((e) => e.type === "record_transaction" && [e.transaction.kind, e.transaction.item, e.transaction.amountCents])).toEqual([["sale", "cakes", 1500], ["sale", "coffees", 300]]);
    // A correction without a currency is not read as another entry: its new number changes the entry waiting.
    const [, correction] = play([{ text: "vendu 3 plats à 12€" }, { text: "non 4 plats pas 3" }]);
    expect(keys(correction!)).toEqual(["sale.line_unit_sale"]);
    expect(correction!.replies[0]).toMatchObject({ say: { params: { quantity: 4, total: { money: 4800, currency: "EUR" } } } });
    // A question is answered, then the sale is asked again: it is not recorded, and not lost.
    const [, asked, yes] = play([{ text: "vendu 3 plats à 12€" }, { text: "c'est quand la prochaine formation ?" }, { choiceId: "sale:ok" }]);
    expect(keys(asked!).at(-1)).toBe("sale.not_yet");
    expect(keys(asked!)).not.toContain("menu.title");
    expect(asked!.conversation).toMatchObject({ flow: "sale", step: "confirm" });
    expect(asked!.effects).toEqual([]);
    expect(yes!.effects).toMatchObject([{ type: "record_transaction", transaction: { amountCents: 3600 } }]);
    // Anything else gets the same question, saying nothing changed and how to change it; a yes with a correction in it is not a yes.
    const [, stray] = play([{ text: "vendu 3 plats à 12€" }, { text: "hmm" }]);
    expect(keys(stray!)).toEqual(["sale.fix_hint", "sale.line_unit_sale"]);
    const [, notYes] = play([{ text: "vendu 3 plats à 12€" }, { text: "oui mais c'était 4 plats" }]);
    expect(notYes!.effects).toEqual([]);
  });

  it("reads a correction in words at 'is this right?' by its number: the quantity, or the price with a currency", () => {
    const quantity = (words: string) => play([{ text: "vendu 3 plats à 12€" }, { text: words }])[1]!;
    for (const words of ["non c'était 4", "no, 4 plates", "ні, 4", "نه ۴ تا بود", "non c'était quatre", "4"]) {
      const r = quantity(words);
      expect(r.replies[0], words).toMatchObject({ say: { key: "sale.line_unit_sale", params: { quantity: 4, unit: { money: 1200 }, total: { money: 4800 } } } });
      expect(r.effects, words).toEqual([]);
    }
    // A price with its currency is the price each; "non 15€" is not an entry named "non".
    const priced = quantity("non 15€");
    expect(keys(priced)).toEqual(["sale.line_unit_sale"]);
    expect(priced.replies[0]).toMatchObject({ say: { params: { quantity: 3, unit: { money: 1500 }, total: { money: 4500 } } } });
    // A total alone becomes the new total; one plate's price stays the price each of four.
    const total = play([{ text: "vendu des plats pour 30€" }, { text: "non 35€" }])[1]!;
    expect(total.replies[0]).toMatchObject({ say: { params: { total: { money: 3500 } } } });
    const one = play([{ text: "vendu 1 plat à 12€" }, { text: "нет, было 4" }])[1]!;
    expect(one.replies[0]).toMatchObject({ say: { params: { quantity: 4, total: { money: 4800 } } } });
    // Two new numbers, or a long sentence: not a correction; the question comes back with how to change it.
    expect(keys(quantity("non 5 ou 6"))).toEqual(["sale.fix_hint", "sale.line_unit_sale"]);
    // The yes records the corrected entry.
    const [, , yes] = play([{ text: "vendu 3 plats à 12€" }, { text: "non c'était 4" }, { choiceId: "sale:ok" }]);
    expect(yes!.effects).toMatchObject([{ type: "record_transaction", transaction: { quantity: 4, amountCents: 4800 } }]);
  });

  it("reads several entries in one message, none dropped: 'at 3€' said once is each one's price", () => {
    const [read, yes] = play([{ text: "vendí 3 empanadas y 2 tamales a 3€" }, { choiceId: "sale:ok" }]);
    expect(read!.replies[0]).toMatchObject({ say: { key: "sale.to_record" }, lines: [{ params: { quantity: 3, item: "empanadas" } }, { params: { quantity: 2, item: "tamales" } }, { key: "sale.is_it_right" }] });
    expect(yes!.effects.map((e) => e.type === "record_transaction" && [e.transaction.item, e.transaction.amountCents])).toEqual([["empanadas", 900], ["tamales", 600]]);
    // A total said once for all is one entry that names them all.
    const [total] = play([{ text: "vendí 3 empanadas y 2 tamales por 15€" }]);
    expect(total!.replies[0]).toMatchObject({ say: { key: "sale.line_total_sale", params: { item: "empanadas + tamales", total: { money: 1500 } } } });
  });

  it("a long message with a question and sales: the question goes on, and the sales are said not to be recorded, with how to", () => {
    const long = "hola buenas tardes, el sábado vendí 20 empanadas a 2 euros y el domingo vendí 15 empanadas a 2 euros también y compré harina por 12 euros, también quería preguntar si la formación del jueves es obligatoria o no porque tengo que trabajar, gracias";
    const r = run({ text: long });
    expect(keys(r).at(-1)).toBe("sale.one_per_message");
    expect(r.effects.filter((e) => e.type === "record_transaction")).toEqual([]);
    // A question with an amount but no sale word is a question alone.
    expect(keys(run({ text: "est-ce que l'inscription coûte 20 euros ?" }))).not.toContain("sale.one_per_message");
  });

  it("dates an entry by the day its words name ('hier', 'samedi', 'le 28/11'), in the last month only", () => {
    // NOW is Tuesday 1 December in Paris.
    for (const [words, day] of [
      ["hier j'ai vendu 5 bissap à 2€", "2026-11-30"],
      ["vendí 4 empanadas ayer a 3€", "2026-11-30"],
      ["вчера продала 2 платья по 25 евро", "2026-11-30"],
      ["دیروز ۴ بولانی فروختم دانه ای ۲ یورو", "2026-11-30"],
      ["samedi vendu 10 plats à 8€", "2026-11-28"],
      ["vendu 3 plats à 12€ le 28/11", "2026-11-28"],
      ["vendu 3 plats à 12€", "2026-12-01"],
      ["vendu 4 jus à 2.11", "2026-12-01"],
    ] as const) {
      const [read, yes] = play([{ text: words }, { choiceId: "sale:ok" }]);
      expect(read!.replies[0], words).toMatchObject({ say: { params: { date: { date: day } } } });
      expect(yes!.effects[0], words).toMatchObject({ type: "record_transaction", transaction: { occurredOn: day } });
    }
    // "non, c'était hier" at "is this right?" moves the entry to that day.
    const [, moved] = play([{ text: "vendu 3 plats à 12€" }, { text: "non c'était hier" }]);
    expect(moved!.replies[0]).toMatchObject({ say: { key: "sale.line_unit_sale", params: { quantity: 3, date: { date: "2026-11-30" } } } });
  });

  it("'I'll be late tomorrow' or thanks while a sale waits: recorded or answered, then the sale asked again", () => {
    const soon = { ...ctx, nextSessions: [{ id: "s1", title: "Compta", startsAt: "2026-12-02T09:00:00.000Z", location: "Paris", timezone: "Europe/Paris" }] };
    const waiting = run({ text: "i sold 3 plates at 12 euro" }, idle, soon);
    const late = run({ text: "i will be late tomorrow" }, waiting.conversation, soon);
    expect(late.effects).toEqual([{ type: "record_rsvp", sessionId: "s1", answer: "yes", late: true }]);
    expect(keys(late)).toEqual(["rsvp.recorded_late", "sale.not_yet"]);
    expect(late.conversation).toMatchObject({ flow: "sale", step: "confirm" });
    const thanks = run({ text: "merci beaucoup" }, waiting.conversation, soon);
    expect(keys(thanks).at(-1)).toBe("sale.not_yet");
    expect(thanks.replies.length).toBe(2);
  });

  it("'stop c faux' at 'is this right?' corrects the entry; 'stop' alone stops the messages", () => {
    const [, fix] = play([{ text: "vendu 30 plats à 12€" }, { text: "stop c faux" }]);
    expect(keys(fix!)).toEqual(["sale.fix_what"]);
    expect(fix!.effects).toEqual([]);
    expect(play([{ text: "vendu 30 plats à 12€" }, { text: "stop" }])[1]!.effects).toEqual([{ type: "opt_out" }]);
  });

  it("a whole sale typed at a step-by-step question is that sale, not the answer", () => {
    const [, , item] = play([{ choiceId: "menu:sale" }, { choiceId: "sale:kind:sale" }, { text: "vendu 4 plats à 12€" }]);
    expect(item!.replies[0]).toMatchObject({ say: { key: "sale.line_unit_sale", params: { quantity: 4 } } });
    // An expense typed where a sale's price is asked is an expense, not that price.
    const [, , , , price] = play([{ choiceId: "menu:sale" }, { choiceId: "sale:kind:sale" }, { text: "robes" }, { choiceId: "sale:qty:2" }, { text: "j'ai acheté du tissu pour 35€" }]);
    expect(price!.replies[0]).toMatchObject({ say: { key: "sale.line_total_expense", params: { total: { money: 3500, currency: "EUR" } } } });
    // "Sale or expense?" answered in words; a yes is not an item.
    const [, kind] = play([{ text: "15€" }, { text: "une dépense" }]);
    expect(kind!.replies[0]).toMatchObject({ say: { key: "sale.line_total_expense" } });
    // An entry still being written ("15€": sale or expense?) is replaced by a whole sale, never recorded without its kind;
    // a whole one ("farine 15€", an expense) waits with it.
    const [, , replaced] = play([{ text: "15€" }, { text: "vendu 2 robes à 30€" }, { choiceId: "sale:ok" }]);
    expect(replaced!.effects).toMatchObject([{ type: "record_transaction", transaction: { kind: "sale", item: "robes", amountCents: 6000 } }]);
    const [, , both] = play([{ text: "farine 15€" }, { text: "vendu 2 robes à 30€" }, { choiceId: "sale:ok" }]);
    expect(both!.effects.map((e) => e.type === "record_transaction" && e.transaction.kind)).toEqual(["expense", "sale"]);
    const [, , notItem] = play([{ choiceId: "menu:sale" }, { choiceId: "sale:kind:sale" }, { text: "oui" }]);
    expect(keys(notItem!)).toEqual(["sale.invalid_item"]);
    expect(notItem!.replies[0]).toMatchObject({ lines: [{ key: "sale.ask_item" }], choices: [{ id: "sale:cancel" }] });
  });

  it("while 'delete this entry?' waits: a new sale is read back and a clear question answered, nothing removed", () => {
    const last = { id: "t1", kind: "sale" as const, item: "plats", quantity: 3, unitPriceCents: 1200, amountCents: 3600, currency: "EUR", occurredOn: "2026-12-01", recordedAt: "2026-11-30T22:00:00Z" };
    const withLast = { ...ctx, lastTransaction: last };
    const asking = run({ text: "annuler" }, idle, withLast);
    expect(keys(asking)).toEqual(["undo.confirm"]);
    const sale = run({ text: "vendu 4 plats à 12€" }, asking.conversation, withLast);
    expect(keys(sale)).toEqual(["undo.kept", "sale.line_unit_sale"]);
    expect(sale.replies[1]).toMatchObject({ say: { params: { quantity: 4, total: { money: 4800, currency: "EUR" } } } });
    expect(sale.conversation).toMatchObject({ flow: "sale", step: "confirm" });
    expect(sale.effects).toEqual([]);
    const question = run({ text: "c'est quand la prochaine formation ?" }, asking.conversation, withLast);
    expect(keys(question)[0]).toBe("undo.kept");
    expect(question.conversation.flow).not.toBe("undo");
    expect(question.effects).toEqual([]);
    // A stray word gets the question again; "oui" still removes the entry.
    expect(keys(run({ text: "hmm" }, asking.conversation, withLast))).toEqual(["undo.confirm"]);
    expect(run({ text: "oui" }, asking.conversation, withLast).effects).toEqual([{ type: "undo_transaction", id: "t1" }]);
  });

  it("asks sale or expense when the message does not say", () => {
    const [ask, confirmed] = play([{ text: "15€" }, { choiceId: "sale:kind:expense" }]);
    expect(keys(ask!)).toEqual(["sale.ask_kind"]);
    expect(confirmed!.replies[0]).toMatchObject({ say: { key: "sale.line_total_expense" } });
  });

  it("'Corriger' asks what is wrong and keeps the entry: '5 bags, not 2', '£40', its name; all again on request", () => {
    for (const [typed, changed] of [
      ["5 bags, not 2", { quantity: 5, amountCents: 7500 }],
      ["٥ أكياس مش ٢", { quantity: 5 }],
      ["wax bags", { item: "wax bags", quantity: 2, amountCents: 3000 }],
    ] as const) {
      const [, asked, fixed] = play([{ text: "sold 2 bags for £30" }, { choiceId: "sale:fix" }, { text: typed }]);
      expect(keys(asked!), typed).toEqual(["sale.fix_what"]);
      expect(keys(fixed!), typed).toEqual(["sale.line_unit_sale"]);
      expect(fixed!.conversation.data["draft"], typed).toMatchObject(changed);
    }
    // A reflex "1" there is "write it all again", never a cancellation of the entry.
    const [, asked] = play([{ text: "sold 2 bags for £30" }, { choiceId: "sale:fix" }]);
    expect(choiceIds(asked!)).toEqual(["sale:fixall", "sale:cancel"]);
  });

  it("corrects step by step: item, quantity (as a word), unit price", () => {
    const results = play([{ text: "sold 2 bags for £30" }, { choiceId: "sale:fix" }, { choiceId: "sale:fixall" }, { text: "sacs wax" }, { text: "trois" }, { text: "12,50 €" }, { choiceId: "sale:ok" }]);
    expect(results.map(keys)).toEqual([
      ["sale.line_unit_sale"],
      ["sale.fix_what"],
      ["sale.ask_item"],
      ["sale.ask_quantity"],
      ["sale.ask_unit_price"],
      ["sale.line_unit_sale"],
      ["sale.recorded_sale", "sale.undo_hint", "menu.title"],
    ]);
    expect(results[6]!.effects[0]).toMatchObject({ transaction: { item: "sacs wax", quantity: 3, unitPriceCents: 1250, amountCents: 3750, currency: "GBP" } });
  });

  it("offers a path with buttons from the menu", () => {
    const results = play([{ choiceId: "menu:sale" }, { choiceId: "sale:kind:sale" }, { text: "robes" }, { choiceId: "sale:qty:2" }, { text: "٢٥" }, { choiceId: "sale:ok" }]);
    expect(results[5]!.effects[0]).toMatchObject({ transaction: { kind: "sale", item: "robes", quantity: 2, unitPriceCents: 2500, amountCents: 5000 } });
  });

  it("re-asks a quantity or a price that is not a number", () => {
    const [, , , q] = play([{ choiceId: "menu:sale" }, { choiceId: "sale:kind:sale" }, { text: "robes" }, { text: "beaucoup" }]);
    // Asked again in one message, with the way out beside the quantities.
    expect(keys(q!)).toEqual(["sale.invalid_quantity"]);
    expect(q!.replies[0]).toMatchObject({ lines: [{ key: "sale.ask_quantity" }] });
    expect(choiceIds(q!)).toEqual(["sale:qty:1", "sale:qty:2", "sale:qty:3", "sale:qty:5", "sale:qty:10", "sale:cancel"]);
  });

  it("cancels a draft", () => {
    const [, cancelled] = play([{ text: "vendu 3 plats à 12€" }, { choiceId: "sale:cancel" }]);
    expect(keys(cancelled!)).toEqual(["sale.cancelled", "menu.title"]);
    expect(cancelled!.effects).toEqual([]);
  });

  it("is not a sale without an amount, and not for people outside a cooperative", () => {
    // A number without an amount is never read back as a sale (the bot may ask what was meant).
    const children = run({ text: "j'ai 3 enfants" });
    expect(keys(children).filter((k) => k.startsWith("sale."))).toEqual([]);
    expect(children.effects).toEqual([]);
    expect(keys(run({ text: "vendu 3 plats à 12€" }, idle, ctx, { ...member, stage: "newcomer" }))).toEqual(["sale.members_only", "menu.title"]);
    // Someone who already applied is not told to sign up again.
    const applied = { ...ctx, application: { id: "a1", status: "submitted" as const } };
    expect(keys(run({ text: "vendu 3 plats à 12€" }, idle, applied, { ...member, stage: "applicant" }))).toEqual(["sale.members_only_applied", "menu.title"]);
 
    // The team's "Awa a vendu 5 plats à 10€ hier" would count in no cohort's totals nor in the export: said so, nothing read back.
    const coordinator = { ...member, role: "coordinator" as const, stage: "newcomer" as const, firstName: "Amina" };
    const team = run({ text: "Awa a vendu 5 plats a 10€ hier" }, idle, { ...ctx, workloadLoaded: true, openThreads: [] }, coordinator);
    expect(keys(team)).toEqual(["sale.team_not_member", "menu.title"]);
    expect(team.effects).toEqual([]);
  });

  it("undoes the last entry within 24 hours, after asking", () => {
    const last = { id: "t1", kind: "sale" as const, item: "plats", quantity: 3, unitPriceCents: 1200, amountCents: 3600, currency: "EUR", occurredOn: "2026-11-30", recordedAt: "2026-11-30T12:00:00Z" };
    const ask = run({ text: "annuler" }, idle, { ...ctx, lastTransaction: last });
    expect(keys(ask)).toEqual(["undo.confirm"]);
    const done = run({ choiceId: "undo:yes" }, ask.conversation, { ...ctx, lastTransaction: last });
    expect(done.effects).toEqual([{ type: "undo_transaction", id: "t1" }]);
    const late = run({ text: "undo" }, idle, { ...ctx, lastTransaction: last }, member, new Date("2026-12-01T13:00:00Z"));
    expect(keys(late)).toEqual(["undo.nothing", "menu.title"]);
  });

  it("removes the entry the words name ('annule la vente de bissap', 'celle d'hier'), and asks which when they name none of them", () => {
    // NOW is 1 December 00:30 in Paris: the bissap was sold on 30 November, the thieb today.
    const thieb = { id: "t2", kind: "sale" as const, item: "thieb", quantity: 3, unitPriceCents: 800, amountCents: 2400, currency: "EUR", occurredOn: "2026-12-01", recordedAt: "2026-11-30T23:20:00Z" };
    const bissap = { id: "t1", kind: "sale" as const, item: "bissap", quantity: 4, unitPriceCents: 200, amountCents: 800, currency: "EUR", occurredOn: "2026-11-30", recordedAt: "2026-11-30T23:10:00Z" };
    const both = { ...ctx, lastTransaction: thieb, recentTransactions: [thieb, bissap] };
    const idOf = (r: EngineResult) => r.conversation.data["id"];
    for (const words of ["supprime la vente de bissap", "annule la vente d'hier", "annule le bissap d'hier"]) {
      const r = run({ text: words }, idle, both);
      expect(keys(r), words).toEqual(["undo.confirm"]);
      expect(idOf(r), words).toBe("t1");
    }
    // Nothing named: the last one; "la dernière" too.
    expect(idOf(run({ text: "annuler" }, idle, both))).toBe("t2");
    expect(idOf(run({ text: "annule ma dernière vente" }, idle, both))).toBe("t2");
    // A thing named that none of them is: which one, never the last one unasked.
    const which = run({ text: "annule la vente de mafé" }, idle, both);
    expect(keys(which)).toEqual(["undo.which"]);
    expect(choiceIds(which)).toEqual(["undo:pick:t2", "undo:pick:t1", "undo:no"]);
    const picked = run({ choiceId: "undo:pick:t1" }, which.conversation, both);
    expect(idOf(picked)).toBe("t1");
    expect(run({ choiceId: "undo:yes" }, picked.conversation, both).effects).toEqual([{ type: "undo_transaction", id: "t1" }]);
  });

  it("corrects an entry already recorded when the words give the right number ('c'était 10€ pas 8'), after asking", () => {
    const thieb = { id: "t2", kind: "sale" as const, item: "thieb", quantity: 3, unitPriceCents: 800, amountCents: 2400, currency: "EUR", occurredOn: "2026-12-01", recordedAt: "2026-11-30T23:20:00Z" };
    const withThieb = { ...ctx, lastTransaction: thieb, recentTransactions: [thieb] };
    const said = "je me suis trompé la vente de thieb c etait 10e pas 8";
    const asked = run({ text: said }, idle, withThieb);
    expect(keys(asked)).toEqual(["undo.fix_confirm"]);
    expect(choiceIds(asked)).toEqual(["undo:fix", "undo:yes", "undo:no"]);
    expect(asked.effects).toEqual([]);
    // A tap or a typed "oui" replaces it: removed, and the right one recorded on the same day, with the words that said so.
    for (const answer of [{ choiceId: "undo:fix" }, { text: "oui" }]) {
      const fixed = run(answer, asked.conversation, withThieb);
      expect(keys(fixed), JSON.stringify(answer)).toEqual(["undo.fixed", "menu.title"]);
      expect(fixed.effects).toEqual([
        { type: "undo_transaction", id: "t2" },
        { type: "record_transaction", transaction: { kind: "sale", item: "thieb", quantity: 3, unitPriceCents: 1000, amountCents: 3000, currency: "EUR", text: said, occurredOn: "2026-12-01" } },
      ]);
    }
    // In Arabic, dialect included: a correction, not a new expense named "مش".
    for (const words of ["غلطت التيب كان 10 يورو مش 8", "ghlatt thieb kan 10 euro machi 8"]) {
      const r = run({ text: words }, idle, withThieb);
      expect(r.effects, words).toEqual([]);
      expect(keys(r), words).not.toContain("sale.line_total_expense");
      expect(keys(r)[0], words).toMatch(/^undo\./u);
    }
    // A long correction naming another thing than the only entry left: which one, not "correct the thieb?" first.
    const bissap = { ...thieb, id: "t1", item: "bissap", quantity: 4, unitPriceCents: 200, amountCents: 800 };
    const other = run({ text: said }, idle, { ...ctx, lastTransaction: bissap, recentTransactions: [bissap] });
    expect(keys(other)).toEqual(["undo.which"]);
    // A short one is about the last entry, named or not.
    expect(keys(run({ text: "je me suis trompé c'était 10€ pas 8" }, idle, withThieb))).toEqual(["undo.fix_confirm"]);
    // "Non, garder" changes nothing; "effacer" only removes.
    expect(run({ choiceId: "undo:no" }, asked.conversation, withThieb).effects).toEqual([]);
    expect(run({ choiceId: "undo:yes" }, asked.conversation, withThieb).effects).toEqual([{ type: "undo_transaction", id: "t2" }]);
  });

  it("shows totals, and refuses the export to participants", () => {
    expect(run({ text: "totaux" }).replies).toEqual([{ type: "totals", scope: "me" }]);
    const refused = run({ text: "export" });
    expect(keys(refused)).toEqual(["errors.not_allowed"]);
    expect(refused.effects).toEqual([{ type: "audit", action: "denied", subject: "export" }]);
    const coordinator = { ...member, role: "coordinator" as const };
    expect(run({ text: "export" }, idle, ctx, coordinator).replies).toEqual([{ type: "export_sales" }]);
  });
});
