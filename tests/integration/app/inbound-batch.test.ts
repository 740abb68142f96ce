import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../../src/app/inbound/ingest.ts";
import { handleInboundBatch } from "../../../src/app/turn/handle-inbound.ts";
import type { Address, InboundMessage } from "../../../src/core/inbound.ts";
import { startTestService, type TestService } from "../../support/service.ts";

/**
 * The set-based inbound path on a service without workers (role "web"), so the test decides when
 * batches run: concurrent webhooks are logged together, and one pass handles many people in a number
 * of statements that does not grow with them.
 */
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ role: "web" });
});
afterAll(async () => svc?.stop());

let n = 0;
function msg(externalId: string, text: string): InboundMessage {
  n++;
  return { channel: "console", externalId, platformMessageId: `b-${externalId}-${n}`, sentAt: new Date(Date.now() + n), kind: "text", text };
}
const deps = () => svc.service.deps;
const addressesOf = (ids: string[]): Address[] => ids.map((externalId) => ({ channel: "console", externalId }));

/** Counts the statements this process sends to PostgreSQL while `fn` runs (by their first words). */
async function statements<T>(fn: () => Promise<T>): Promise<{ result: T; texts: string[] }> {
  const texts: string[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function query(this: pg.Client, config: unknown, ...rest: unknown[]) {
    const text = typeof config === "string" ? config : (config as { text?: string } | null)?.text;
    if (typeof text === "string") texts.push(text.replace(/\s+/g, " ").trim());
    return (original as (...a: unknown[]) => unknown).call(this, config, ...rest);
  } as typeof original;
  try {
    return { result: await fn(), texts };
  } finally {
    pg.Client.prototype.query = original;
  }
}

describe("set-based inbound handling", () => {
  it("logs the messages of concurrent webhooks in a few inserts, each once", async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `log-${i}`);
    const messages = ids.map((id) => msg(id, "bonjour"));
    const { result, texts } = await statements(() => Promise.all([...messages, messages[3]!].map((m) => ingest(deps(), { messages: [m] }))));
    expect(result.reduce((s, r) => s + r.accepted, 0)).toBe(40);
    expect(result.reduce((s, r) => s + r.duplicates, 0)).toBe(1);
    const inserts = texts.filter((t) => t.startsWith('INSERT INTO "InboundMessage"')).length;
    expect(inserts).toBeGreaterThanOrEqual(1);
    expect(inserts).toBeLessThanOrEqual(4);
    expect(await deps().prisma.inboundMessage.count({ where: { externalId: { in: ids }, status: "received" } })).toBe(40);
  });

  it("answers many people in one pass with as many statements for 40 people as for 4", async () => {
    const small = Array.from({ length: 4 }, (_, i) => `few-${i}`);
    const large = Array.from({ length: 40 }, (_, i) => `many-${i}`);
    for (const id of [...small, ...large]) await ingest(deps(), { messages: [msg(id, "Hello, I would like to join")] });
    const few = await statements(() => handleInboundBatch(deps(), addressesOf(small)));
    const many = await statements(() => handleInboundBatch(deps(), addressesOf(large)));
    // One message each: the welcome and the language question go together.
    expect(few.result).toBe(4);
    expect(many.result).toBe(40);
    // Statements to PostgreSQL (dispatching goes to Redis): the same count, whatever the number of people.
    expect(many.texts.length).toBe(few.texts.length);
    expect(many.texts.length).toBeLessThanOrEqual(12);
    const rows = await deps().prisma.inboundMessage.findMany({ where: { externalId: { in: large } } });
    expect(rows.every((r) => r.status === "processed" && r.personId)).toBe(true);
    const people = await deps().prisma.person.findMany({ where: { identities: { some: { externalId: { in: large } } } } });
    expect(people).toHaveLength(40);
    // The language understood from the first message is written with the rest of the pass.
    expect(people.every((p) => p.locale === "en")).toBe(true);
  });

  it("handles one person's messages in order within a pass, with their replies in that order", async () => {
    // "hola" lists Spanish first: "1" chooses it.
    await ingest(deps(), { messages: [msg("order-1", "hola"), msg("order-1", "1"), msg("order-1", "idioma"), msg("order-1", "English")] });
    await ingest(deps(), { messages: [msg("order-2", "bonjour")] });
    await handleInboundBatch(deps(), addressesOf(["order-2", "order-1"]));
    const rows = await deps().prisma.outboundMessage.findMany({ where: { externalId: "order-1" }, orderBy: { seq: "asc" } });
    const texts = rows.map((r) => (r.intent as { text: string }).text);
    // One message per turn, in the turns' order.
    expect(texts).toHaveLength(4);
    expect(texts[1]).toContain("español");
    expect(texts[2]).toMatch(/idioma/i);
    expect(texts[3]).toContain("English");
    const person = await deps().prisma.person.findFirstOrThrow({ where: { identities: { some: { externalId: "order-1" } } } });
    expect(person.locale).toBe("en");
  });

  it("lets a person at two addresses in one batch take their turns one after the other", async () => {
    await ingest(deps(), { messages: [msg("twin-a", "bonjour")] });
    await handleInboundBatch(deps(), addressesOf(["twin-a"]));
    const person = await deps().prisma.person.findFirstOrThrow({ where: { identities: { some: { externalId: "twin-a" } } } });
    await deps().prisma.identity.create({ data: { personId: person.id, channel: "console", externalId: "twin-b" } });
    await ingest(deps(), { messages: [msg("twin-a", "1"), msg("twin-b", "menu")] });
    await handleInboundBatch(deps(), addressesOf(["twin-a", "twin-b"]));
    const waiting = await deps().prisma.inboundMessage.count({ where: { externalId: { in: ["twin-a", "twin-b"] }, status: { not: "processed" } } });
    expect(waiting).toBe(0);
    expect(await deps().prisma.outboundMessage.count({ where: { externalId: "twin-b" } })).toBeGreaterThan(0);
  });

  it("answers the others when one person's turn breaks the batch, and gives that person the error answer", async () => {
    const ids = ["ok-1", "broken", "ok-2"];
    await ingest(deps(), { messages: [msg("broken", "hello")] });
    await handleInboundBatch(deps(), addressesOf(["broken"]));
    const person = await deps().prisma.person.findFirstOrThrow({ where: { identities: { some: { externalId: "broken" } } } });
    // Every write of this person's conversation is refused, as a bug in an effect's write would be.
    await deps().prisma.$executeRawUnsafe(`
      CREATE FUNCTION refuse_broken() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW."personId" = '${person.id}' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$`);
    await deps().prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_broken BEFORE INSERT OR UPDATE ON "ConversationState" FOR EACH ROW EXECUTE FUNCTION refuse_broken()`);
    try {
      const sentAt = new Date(Date.now() + 60_000);
      await ingest(deps(), { messages: [msg("ok-1", "bonjour"), { ...msg("broken", "3"), sentAt }, msg("ok-2", "hola")] });
      await handleInboundBatch(deps(), addressesOf(ids));
    } finally {
      await deps().prisma.$executeRawUnsafe(`DROP TRIGGER refuse_broken ON "ConversationState"`);
      await deps().prisma.$executeRawUnsafe(`DROP FUNCTION refuse_broken()`);
    }
    const rows = await deps().prisma.inboundMessage.findMany({ where: { externalId: { in: ids } }, orderBy: { seq: "asc" } });
    expect(rows.filter((r) => r.externalId !== "broken").every((r) => r.status === "processed")).toBe(true);
    const broken = rows.filter((r) => r.externalId === "broken").at(-1)!;
    expect(broken.status).toBe("failed");
    expect(broken.error).toContain("refused for the test");
    const answer = await deps().prisma.outboundMessage.findFirstOrThrow({ where: { externalId: "broken" }, orderBy: { seq: "desc" } });
    const locale = (await deps().prisma.person.findUniqueOrThrow({ where: { id: person.id } })).locale ?? "fr";
    expect((answer.intent as { text: string }).text).toBe(svc.service.deps.i18n.getFixedT(locale)("errors.generic"));
    // The message opened the address's window, so the answer may go as free text.
    const identity = await deps().prisma.identity.findFirstOrThrow({ where: { externalId: "broken" } });
    expect(identity.lastInboundAt?.getTime()).toBe(broken.sentAt.getTime());
    for (const ok of ["ok-1", "ok-2"]) expect(await deps().prisma.outboundMessage.count({ where: { externalId: ok } })).toBe(1);
  });
});
