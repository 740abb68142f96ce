import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../../src/app/inbound/ingest.ts";
import type { InboundMessage } from "../../../src/core/inbound.ts";
import { eventually, startTestService, type TestService } from "../../support/service.ts";

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => svc?.stop());

let seq = 0;
function msg(externalId: string, text: string, extra: Partial<InboundMessage> = {}): InboundMessage {
  seq++;
  return { channel: "console", externalId, platformMessageId: `m-${externalId}-${seq}`, sentAt: new Date(Date.now() + seq), kind: "text", text, ...extra };
}

const prisma = () => svc.service.deps.prisma;
const sentTo = (externalId: string) =>
  prisma().outboundMessage.findMany({ where: { externalId }, orderBy: { seq: "asc" } });

describe("inbound → engine → database → reply, through the real queues", () => {
  it("answers a first message with the welcome and the language menu, in one message", async () => {
    await ingest(svc.service.deps, { messages: [msg("alice", "bonjour")] });
    const rows = await eventually(async () => {
      const r = await sentTo("alice");
      return r.length === 1 && r.every((x) => x.status === "sent") ? r : undefined;
    });
    expect(rows.map((r) => (r.intent as { type: string }).type)).toEqual(["choices"]);
    expect(svc.consoleOutput()).toContain("Migracoop");
    expect(svc.consoleOutput()).toContain("11. বাংলা");
    const inbound = await prisma().inboundMessage.findFirstOrThrow({ where: { externalId: "alice" } });
    expect(inbound.status).toBe("processed");
    const identity = await prisma().identity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId: "alice" } } });
    expect(identity.lastInboundAt?.getTime()).toBe(inbound.sentAt.getTime());
  });

  it("answers a message delivered ten times at once exactly once", async () => {
    const m = msg("bob", "hello");
    const results = await Promise.all(Array.from({ length: 10 }, () => ingest(svc.service.deps, { messages: [m] })));
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(1);
    expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(9);
    await eventually(async () => (await sentTo("bob")).length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(await prisma().inboundMessage.count({ where: { externalId: "bob" } })).toBe(1);
    expect((await sentTo("bob")).length).toBe(1);
  });

  it("handles one person's messages in order", async () => {
    await ingest(svc.service.deps, { messages: [msg("carla", "hola")] });
    await eventually(async () => (await sentTo("carla")).length === 1);
    // Then, quickly: choose Spanish ("hola" lists it first: 1), ask for the language menu, choose English by typing its name.
    await ingest(svc.service.deps, { messages: [msg("carla", "1"), msg("carla", "idioma"), msg("carla", "English")] });
    const rows = await eventually(async () => {
      const r = await sentTo("carla");
      return r.length === 4 ? r : undefined;
    });
    // One message per turn: the welcome with the language menu, then each answer with its menu.
    const texts = rows.map((r) => (r.intent as { text: string }).text);
    expect(texts[1]).toContain("español");
    expect(texts[2]).toMatch(/idioma/i);
    expect(texts[3]).toContain("English");
    const person = await prisma().person.findFirstOrThrow({ where: { identities: { some: { externalId: "carla" } } } });
    expect(person.locale).toBe("en");
    expect(person.localeConfirmed).toBe(true);
  });

  it("after stop, says only once a day how to start again, until start", async () => {
    await ingest(svc.service.deps, { messages: [msg("dan", "hi")] });
    await eventually(async () => (await sentTo("dan")).length === 1);
    await ingest(svc.service.deps, { messages: [msg("dan", "stop")] });
    await eventually(async () => (await sentTo("dan")).length === 2);
    await ingest(svc.service.deps, { messages: [msg("dan", "menu"), msg("dan", "hello?")] });
    await eventually(async () => (await prisma().inboundMessage.count({ where: { externalId: "dan", status: "processed" } })) === 4);
    // "menu" is told how to start again; "hello?", the same day, gets nothing.
    expect((await sentTo("dan")).length).toBe(3);
    await ingest(svc.service.deps, { messages: [msg("dan", "start")] });
    await eventually(async () => (await sentTo("dan")).length === 4);
    await eventually(() => svc.consoleOutput().includes("🔔"));
  });
});
