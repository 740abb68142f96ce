import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeTelegram } from "../fakes/telegram-server.ts";
import type { FakeWhatsApp } from "../fakes/whatsapp-server.ts";
import { postTelegram, postWhatsApp, startWithPlatforms, tgTextUpdate, waTextBody } from "../support/platforms.ts";
import { eventually, type TestService } from "../support/service.ts";

/**
 * Every kind of payload the platforms send, through the real service: a signed, well-formed envelope
 * always gets 200, whatever its messages hold, and each kind gets the answer a person would expect.
 */
let wa: FakeWhatsApp;
let tg: FakeTelegram;
let svc: TestService;

beforeAll(async () => {
  ({ wa, tg, svc } = await startWithPlatforms());
});
afterAll(async () => {
  await svc?.stop();
  await wa?.close();
  await tg?.close();
});

const prisma = () => svc.service.deps.prisma;
const sentTo = (to: string) => wa.sent().filter((m) => m["to"] === to);
const WA_DIR = new URL("../fixtures/whatsapp/", import.meta.url);
let n = 0;

/** A recorded WhatsApp payload, from `from` (its contact too), with fresh message ids. */
function waFixture(name: string, from: string): any {
  const body = JSON.parse(readFileSync(new URL(name, WA_DIR), "utf8"));
  for (const change of body.entry[0].changes) {
    const v = change.value;
    for (const c of v.contacts ?? []) c.wa_id = from;
    for (const m of v.messages ?? []) {
      m.from = from;
      m.id = `wamid.PAYLOAD${++n}${Date.now().toString(36)}`;
      m.timestamp = String(Math.floor(Date.now() / 1000));
    }
  }
  return body;
}

async function spanishSpeaker(from: string) {
  await postWhatsApp(svc.baseUrl, waTextBody(from, "Hola, buenos días, quiero información sobre la formación"));
  await eventually(() => (sentTo(from).length >= 1 ? true : undefined));
}

describe("WhatsApp: every kind of message", () => {
  it("answers 200 to every recorded payload, signed", async () => {
    const names = readdirSync(WA_DIR).filter((f) => f.endsWith(".json"));
    expect(names.length).toBeGreaterThanOrEqual(25);
    for (const [i, name] of names.entries()) {
      const res = await postWhatsApp(svc.baseUrl, waFixture(name, `3369100${String(i).padStart(4, "0")}`));
      expect(res.status, name).toBe(200);
    }
    expect((await fetch(`${svc.baseUrl}/healthz`)).status).toBe(200);
  });

  it.each(["unsupported.json", "image-without-object-131000.json", "interactive-without-reply.json"])(
    "%s: kept with its error, and the person is asked, in their language, to send it again",
    async (name) => {
      const from = `3369201${String(++n).padStart(4, "0")}`;
      await spanishSpeaker(from);
      const before = sentTo(from).length;
      expect((await postWhatsApp(svc.baseUrl, waFixture(name, from))).status).toBe(200);
      const answer = await eventually(() => sentTo(from).slice(before).find((m) => JSON.stringify(m).includes("No pude leer")));
      expect(JSON.stringify(answer)).toContain("mensaje de voz");
      const row = await prisma().inboundMessage.findFirstOrThrow({ where: { externalId: from, kind: "unsupported" } });
      expect((row.payload as { unreadable?: { code: string } }).unreadable?.code).toMatch(/^whatsapp\.(131051|131000|malformed)$/);
      expect(row.status).toBe("processed");
    },
  );

  it("a reaction is an acknowledgement: stored, not answered", async () => {
    const from = "33692020001";
    await spanishSpeaker(from);
    const before = sentTo(from).length;
    await postWhatsApp(svc.baseUrl, waFixture("reaction.json", from));
    await eventually(async () => ((await prisma().inboundMessage.count({ where: { externalId: from, status: "processed" } })) === 2 ? true : undefined));
    await postWhatsApp(svc.baseUrl, waTextBody(from, "menú"));
    await eventually(() => (sentTo(from).length > before ? true : undefined));
    // The only new message answers "menú", not the reaction.
    expect(sentTo(from).slice(before).some((m) => JSON.stringify(m).includes("No pude leer") || JSON.stringify(m).includes("No puedo leer"))).toBe(false);
  });

  it("a number change moves the person's address: the new number is the same person, nothing is sent about it", async () => {
    const from = "33612340001";
    await spanishSpeaker(from);
    const before = sentTo(from).length;
    const body = waFixture("system-number-changed.json", from);
    body.entry[0].changes[0].value.messages[0].system.wa_id = "33612340002";
    expect((await postWhatsApp(svc.baseUrl, body)).status).toBe(200);
    const moved = await eventually(() => prisma().identity.findUnique({ where: { channel_externalId: { channel: "whatsapp", externalId: "33612340002" } } }));
    expect(await prisma().identity.findUnique({ where: { channel_externalId: { channel: "whatsapp", externalId: from } } })).toBeNull();
    await postWhatsApp(svc.baseUrl, waTextBody("33612340002", "menú"));
    await eventually(() => (sentTo("33612340002").length > 0 ? true : undefined));
    expect((await prisma().identity.findMany({ where: { personId: moved.personId } })).map((i) => i.externalId)).toEqual(["33612340002"]);
    expect((await prisma().person.findUniqueOrThrow({ where: { id: moved.personId } })).locale).toBe("es");
    expect(sentTo(from).length).toBe(before);
  });

  it("request_welcome (a first open of the chat) gets the welcome and the language question", async () => {
    const from = "33692030001";
    await postWhatsApp(svc.baseUrl, waFixture("request-welcome.json", from));
    const first = await eventually(() => sentTo(from)[0]);
    expect(JSON.stringify(sentTo(from))).toContain("Migracoop");
    expect(first).toBeTruthy();
  });

  it("errors about a whole change, with no message, are accepted and logged: nothing stored, nothing sent", async () => {
    const before = await prisma().inboundMessage.count();
    expect((await postWhatsApp(svc.baseUrl, waFixture("value-errors.json", "33692040001"))).status).toBe(200);
    expect(await prisma().inboundMessage.count()).toBe(before);
  });
});

describe("Telegram: blocking and unblocking", () => {
  it("a block makes the person unreachable, an unblock reachable again", async () => {
    const chat = 6123456789;
    await postTelegram(svc.baseUrl, tgTextUpdate(chat, "Привет", "ru"));
    await eventually(() => (tg.callsTo("sendMessage").some((c) => String(c.params["chat_id"]) === String(chat)) ? true : undefined));
    const fixtureDir = new URL("../fixtures/telegram/", import.meta.url);
    const kicked = JSON.parse(readFileSync(new URL("my-chat-member-kicked.json", fixtureDir), "utf8"));
    kicked.update_id = 815900001;
    expect((await postTelegram(svc.baseUrl, kicked)).status).toBe(200);
    const identity = () => prisma().identity.findUniqueOrThrow({ where: { channel_externalId: { channel: "telegram", externalId: String(chat) } } });
    expect((await identity()).unreachableAt).not.toBeNull();
    const unblocked = JSON.parse(readFileSync(new URL("my-chat-member-unblocked.json", fixtureDir), "utf8"));
    unblocked.update_id = 815900002;
    expect((await postTelegram(svc.baseUrl, unblocked)).status).toBe(200);
    expect((await identity()).unreachableAt).toBeNull();
  });

  it.each(["poll-update", "poll-answer", "message-reaction"])("%s: 200, not a message: nothing stored, nothing sent", async (name) => {
    const update = JSON.parse(readFileSync(new URL(`../fixtures/telegram/${name}.json`, import.meta.url), "utf8"));
    update.update_id = 815910000 + ++n;
    const before = tg.callsTo("sendMessage").length;
    expect((await postTelegram(svc.baseUrl, update)).status).toBe(200);
    expect(await prisma().inboundMessage.count({ where: { channel: "telegram", platformMessageId: `update:${update.update_id}` } })).toBe(0);
    expect(tg.callsTo("sendMessage").length).toBe(before);
  });

  it.each([
    ["contact", "unsupported"],
    ["story", "unsupported"],
    ["venue", "unsupported"],
    ["dice", "unsupported"],
    ["poll-message", "unsupported"],
    ["edited-message", "unsupported"],
    ["sticker", "media"],
    ["video-note", "media"],
  ])("%s: 200, kept as %s, and answered", async (name, kind) => {
    const update = JSON.parse(readFileSync(new URL(`../fixtures/telegram/${name}.json`, import.meta.url), "utf8"));
    update.update_id = 815920000 + ++n;
    const chat = String((update.message ?? update.edited_message).chat.id);
    const before = tg.callsTo("sendMessage").filter((c) => String(c.params["chat_id"]) === chat).length;
    expect((await postTelegram(svc.baseUrl, update)).status).toBe(200);
    const row = await eventually(() => prisma().inboundMessage.findFirst({ where: { channel: "telegram", platformMessageId: `update:${update.update_id}`, status: "processed" } }));
    expect(row.kind).toBe(kind);
    await eventually(() => (tg.callsTo("sendMessage").filter((c) => String(c.params["chat_id"]) === chat).length > before ? true : undefined));
  });
});
