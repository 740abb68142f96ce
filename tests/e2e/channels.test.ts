import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutbound } from "../../src/outbox/outbound.ts";
import type { FakeTelegram } from "../fakes/telegram-server.ts";
import type { FakeWhatsApp } from "../fakes/whatsapp-server.ts";
import { postTelegram, postWhatsApp, tgCallbackUpdate, tgTextUpdate, WA, waStatusBody, waTextBody, startWithPlatforms } from "../support/platforms.ts";
import { eventually, type TestService } from "../support/service.ts";

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

describe("WhatsApp, end to end over HTTP", () => {
  it("answers the verification handshake", async () => {
    const ok = await fetch(`${svc.baseUrl}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${WA.verifyToken}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    const bad = await fetch(`${svc.baseUrl}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`);
    expect(bad.status).toBe(403);
  });

  it("answers a signed message, in the person's language, with reply buttons", async () => {
    const res = await postWhatsApp(svc.baseUrl, waTextBody("33611111111", "Hola, quiero inscribirme en la formación", { name: "María" }));
    expect(res.status).toBe(200);
    // One message: the welcome above the language question's buttons.
    const sent = await eventually(() => (sentTo("33611111111").length >= 1 ? sentTo("33611111111") : undefined));
    expect(sent[0]).toMatchObject({ type: "interactive", interactive: { type: "button" } });
    expect(JSON.stringify(sent[0])).toContain("Migracoop");
    const identity = await prisma().identity.findUniqueOrThrow({ where: { channel_externalId: { channel: "whatsapp", externalId: "33611111111" } }, include: { person: true } });
    expect(identity.person.locale).toBe("es");
    expect(identity.displayName).toBe("María");
  });

  it("refuses unsigned and forged webhooks and writes nothing", async () => {
    const before = await prisma().inboundMessage.count();
    const body = waTextBody("33622222222", "bonjour");
    expect((await postWhatsApp(svc.baseUrl, body, false)).status).toBe(401);
    const forged = await fetch(`${svc.baseUrl}/webhooks/whatsapp`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": "sha256=" + "0".repeat(64) },
      body: JSON.stringify(body),
    });
    expect(forged.status).toBe(401);
    expect(await prisma().inboundMessage.count()).toBe(before);
  });

  it("answers a message redelivered five times at once only once", async () => {
    const body = waTextBody("33633333333", "Bonjour, je voudrais m'inscrire à la formation");
    const statuses = await Promise.all(Array.from({ length: 5 }, () => postWhatsApp(svc.baseUrl, body).then((r) => r.status)));
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    await eventually(() => sentTo("33633333333").length >= 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(sentTo("33633333333")).toHaveLength(1);
  });

  it("moves a message to delivered and read, never backwards", async () => {
    const row = await eventually(() => prisma().outboundMessage.findFirst({ where: { externalId: "33611111111", status: "sent" } }));
    for (const s of ["read", "delivered", "sent"] as const) expect((await postWhatsApp(svc.baseUrl, waStatusBody(row.platformMessageId!, "33611111111", s))).status).toBe(200);
    const after = await prisma().outboundMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.status).toBe("read");
    expect(after.readAt).not.toBeNull();
  });

  it("retries a 5xx storm with backoff and sends once", async () => {
    wa.failNext(2, { status: 500, code: 131000 });
    await postWhatsApp(svc.baseUrl, waTextBody("33644444444", "menu"));
    const rows = await eventually(async () => {
      const r = await prisma().outboundMessage.findMany({ where: { externalId: "33644444444" } });
      return r.length > 0 && r.every((x) => x.status === "sent") ? r : undefined;
    }, 20_000);
    expect(rows[0]!.attempts).toBe(3);
    expect(sentTo("33644444444")).toHaveLength(rows.length);
  });

  it("records a permanent failure with its reason and marks the number unreachable", async () => {
    wa.failNext(1, { status: 400, code: 131026 });
    await postWhatsApp(svc.baseUrl, waTextBody("33655555555", "menu"));
    const failed = await eventually(() => prisma().outboundMessage.findFirst({ where: { externalId: "33655555555", status: "failed" } }));
    expect(failed.errorCode).toBe("whatsapp.131026");
    const identity = await prisma().identity.findUniqueOrThrow({ where: { channel_externalId: { channel: "whatsapp", externalId: "33655555555" } } });
    expect(identity.unreachableReason).toBe("whatsapp.131026");
  });

  it("sends an announcement outside the 24-hour window as the approved template", async () => {
    const person = await prisma().person.create({
      data: { locale: "fr", identities: { create: { channel: "whatsapp", externalId: "33666666666", lastInboundAt: new Date(Date.now() - 3 * 86_400_000) } } },
    });
    const ids = await createOutbound(prisma(), [
      { idempotencyKey: "test:announce:1", personId: person.id, channel: "whatsapp", externalId: "33666666666", purpose: "announcement", intent: { type: "text", text: "La formation de jeudi commence à 10 h." } },
      { idempotencyKey: "test:reply:1", personId: person.id, channel: "whatsapp", externalId: "33666666666", purpose: "reply", intent: { type: "text", text: "Un message libre" } },
    ]);
    await svc.service.deps.dispatcher.outbound("whatsapp", ids);
    const sent = await eventually(() => sentTo("33666666666")[0]);
    expect(sent).toMatchObject({ type: "template", template: { language: { code: "fr" } } });
    expect(JSON.stringify(sent)).toContain("La formation de jeudi commence à 10 h.");
    const reply = await eventually(() => prisma().outboundMessage.findFirst({ where: { idempotencyKey: "test:reply:1", status: "failed" } }));
    expect(reply.errorCode).toBe("whatsapp.window_closed");
  });

  it("falls back to the template when a free-form message fails later with 131047", async () => {
    const person = await prisma().person.create({
      data: { locale: "en", identities: { create: { channel: "whatsapp", externalId: "33677777777", lastInboundAt: new Date(Date.now() - 3_600_000) } } },
    });
    const ids = await createOutbound(prisma(), [
      { idempotencyKey: "test:alert:1", personId: person.id, channel: "whatsapp", externalId: "33677777777", purpose: "announcement", intent: { type: "text", text: "Room change: 2nd floor." } },
    ]);
    await svc.service.deps.dispatcher.outbound("whatsapp", ids);
    const row = await eventually(() => prisma().outboundMessage.findFirst({ where: { idempotencyKey: "test:alert:1", status: "sent" } }));
    await postWhatsApp(svc.baseUrl, waStatusBody(row.platformMessageId!, "33677777777", "failed", 131047));
    const sent = await eventually(() => sentTo("33677777777").find((m) => m["type"] === "template"));
    expect(JSON.stringify(sent)).toContain("Room change: 2nd floor.");
    expect((await prisma().outboundMessage.findUniqueOrThrow({ where: { id: row.id } })).errorCode).toBe("whatsapp.131047");
  });
  it("a long text whose second part fails is completed by the retry: no part arrives twice", async () => {
    const to = "33688888888";
    const person = await prisma().person.create({
      data: { locale: "fr", identities: { create: { channel: "whatsapp", externalId: to, lastInboundAt: new Date(Date.now() - 600_000) } } },
    });
    const text = Array.from({ length: 70 }, (_, i) => `Ligne ${i + 1} : le programme de la semaine, les horaires et les salles.`).join("\n");
    expect(text.length).toBeGreaterThan(4096);
    wa.failNext(1, { status: 500, code: 131000 }, { after: 1 });
    const ids = await createOutbound(prisma(), [
      { idempotencyKey: "test:long:wa", personId: person.id, channel: "whatsapp", externalId: to, purpose: "reply", intent: { type: "text", text } },
    ]);
    await svc.service.deps.dispatcher.outbound("whatsapp", ids);
    const row = await eventually(() => prisma().outboundMessage.findFirst({ where: { idempotencyKey: "test:long:wa", status: "sent" } }), 20_000);
    expect(row.attempts).toBe(2);
    const parts = sentTo(to).map((m) => (m["text"] as { body: string }).body);
    expect(parts).toHaveLength(2);
    expect(parts.join("\n")).toBe(text);
  });
});

describe("Telegram, end to end over HTTP", () => {
  it("answers /start in the language Telegram reports, with an inline keyboard", async () => {
    const res = await postTelegram(svc.baseUrl, tgTextUpdate(5012345678, "/start", "ar"));
    expect(res.status).toBe(200);
    // One message: the welcome, in Arabic, above the language question's keyboard.
    const calls = await tg.waitForCalls("sendMessage", 1);
    const toChat = calls.filter((c) => c.params["chat_id"] === 5012345678 || c.params["chat_id"] === "5012345678");
    expect(toChat).toHaveLength(1);
    expect(toChat[0]!.params["text"]).toMatch(/[\u0600-\u06ff]/);
    expect(toChat[0]!.params["text"]).toContain("Migracoop");
    const keyboard = (toChat[0]!.params["reply_markup"] as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard.flat();
    expect(keyboard.map((b) => b.callback_data)).toEqual(["m1:lang:ar", "m1:menu:language"]);
  });

  it("answers a button tap and the callback query", async () => {
    const before = tg.callsTo("sendMessage").length;
    await postTelegram(svc.baseUrl, tgCallbackUpdate(5012345678, "m1:lang:ar"));
    await tg.waitForCalls("answerCallbackQuery", 1);
    await tg.waitForCalls("sendMessage", before + 1);
    const person = await prisma().person.findFirstOrThrow({ where: { identities: { some: { channel: "telegram", externalId: "5012345678" } } } });
    expect(person).toMatchObject({ locale: "ar", localeConfirmed: true });
  });

  it("refuses a webhook without the secret", async () => {
    expect((await postTelegram(svc.baseUrl, tgTextUpdate(5099999999, "/start"), null)).status).toBe(401);
    expect((await postTelegram(svc.baseUrl, tgTextUpdate(5099999999, "/start"), "wrong")).status).toBe(401);
    expect(await prisma().inboundMessage.count({ where: { externalId: "5099999999" } })).toBe(0);
  });

  it("a long text whose second part fails is completed by the retry: no part arrives twice", async () => {
    const chat = "5077777777";
    const person = await prisma().person.create({ data: { locale: "fr", identities: { create: { channel: "telegram", externalId: chat } } } });
    const text = Array.from({ length: 70 }, (_, i) => `Ligne ${i + 1} : le programme de la semaine, les horaires et les salles.`).join("\n");
    tg.failNext("sendMessage", { status: 500, description: "Internal Server Error" }, 1, 1);
    const ids = await createOutbound(prisma(), [
      { idempotencyKey: "test:long:tg", personId: person.id, channel: "telegram", externalId: chat, purpose: "reply", intent: { type: "text", text } },
    ]);
    await svc.service.deps.dispatcher.outbound("telegram", ids);
    await eventually(() => prisma().outboundMessage.findFirst({ where: { idempotencyKey: "test:long:tg", status: "sent" } }), 20_000);
    const calls = tg.callsTo("sendMessage").filter((c) => String(c.params.chat_id) === chat);
    expect(calls).toHaveLength(3); // part 1, part 2 refused, part 2 again
    expect(calls[1]!.params.text).toBe(calls[2]!.params.text);
    expect(`${calls[0]!.params.text}\n${calls[2]!.params.text}`).toBe(text);
  });
});
