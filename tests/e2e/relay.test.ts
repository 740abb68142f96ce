import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProgramme } from "../../src/programme/import.ts";
import type { FakeTelegram } from "../fakes/telegram-server.ts";
import type { FakeWhatsApp } from "../fakes/whatsapp-server.ts";
import { postTelegram, postWhatsApp, tgTextUpdate, waTextBody, startWithPlatforms } from "../support/platforms.ts";
import { eventually, type TestService } from "../support/service.ts";

let wa: FakeWhatsApp;
let tg: FakeTelegram;
let svc: TestService;
const PERSON = 62000001; // a participant on Telegram
const COORD_TG = 62000009; // a coordinator on Telegram
const COORD_WA = "33620000009"; // a coordinator on WhatsApp

beforeAll(async () => {
  ({ wa, tg, svc } = await startWithPlatforms());
  await importProgramme(svc.service.deps.prisma, {
    cohorts: [
      {
        key: "relay",
        name: "Coopérative Relais",
        startsOn: "2026-10-01",
        endsOn: "2027-03-01",
        sessions: [],
        members: [{ channel: "telegram", externalId: String(PERSON), name: "Olena", locale: "uk" }],
        coordinators: [
          { channel: "telegram", externalId: String(COORD_TG), name: "Amina", locale: "fr" },
          { channel: "whatsapp", externalId: COORD_WA, name: "Marc", locale: "fr" },
        ],
      },
    ],
  });
  // The WhatsApp coordinator wrote recently: free-form messages reach them.
  await postWhatsApp(svc.baseUrl, waTextBody(COORD_WA, "menu"));
  await eventually(() => wa.sent().length >= 1);
});
afterAll(async () => {
  await svc?.stop();
  await wa?.close();
  await tg?.close();
});

const toChat = (chat: number) => tg.callsTo("sendMessage").filter((c) => String(c.params["chat_id"]) === String(chat));

describe("relay between a participant and the coordinators", () => {
  it("forwards a request for a person, and a Telegram reply to the forwarded message reaches the participant", async () => {
    await postTelegram(svc.baseUrl, tgTextUpdate(PERSON, "Поговорити з людиною", "uk"));
    const forwarded = await eventually(() => toChat(COORD_TG).find((c) => String(c.params["text"]).includes("Olena")));
    expect(String(forwarded.params["text"])).toContain("Українська");
    const code = /\[([0-9A-F]{6})\]/.exec(String(forwarded.params["text"]))![1]!;
    const waCopy = await eventually(() => wa.sent().find((m) => m["to"] === COORD_WA && JSON.stringify(m).includes(code)));
    expect(JSON.stringify(waCopy)).toContain("Olena");

    const forwardedId = (forwarded.response as { message_id: number }).message_id;
    const answer = tgTextUpdate(COORD_TG, "Bonjour Olena, je vous appelle demain à 10 h.", "fr") as { message: Record<string, unknown> };
    answer.message["reply_to_message"] = { message_id: forwardedId, date: 1, chat: { id: COORD_TG, type: "private" }, text: "…" };
    await postTelegram(svc.baseUrl, answer);
    const received = await eventually(() => toChat(PERSON).find((c) => String(c.params["text"]).includes("je vous appelle demain")));
    expect(String(received.params["text"])).toMatch(/Migracoop/);
    const thread = await svc.service.deps.prisma.relayThread.findFirstOrThrow({ include: { messages: { orderBy: { createdAt: "asc" } } } });
    expect(thread.messages.map((m) => m.direction)).toEqual(["in", "out"]);
  });

  it("forwards the participant's next messages to the open thread, and 'reply CODE text' answers from WhatsApp", async () => {
    await postTelegram(svc.baseUrl, tgTextUpdate(PERSON, "Дякую! А де це буде?", "uk"));
    const forwarded = await eventually(() => wa.sent().find((m) => m["to"] === COORD_WA && JSON.stringify(m).includes("Дякую")));
    const code = /\[([0-9A-F]{6})\]/.exec(JSON.stringify(forwarded))![1]!;
    await postWhatsApp(svc.baseUrl, waTextBody(COORD_WA, `répondre ${code} Au 12 rue de la Fontaine au Roi.`));
    await eventually(() => toChat(PERSON).find((c) => String(c.params["text"]).includes("Fontaine au Roi")));
    expect(await svc.service.deps.prisma.auditLog.count({ where: { action: "relay.answer" } })).toBe(2);
  });

  it("names a person who gave no first name by their platform's name, never '?'", async () => {
    const NEWCOMER = 62000002;
    const update = (text: string) => {
      const u = tgTextUpdate(NEWCOMER, text, "fr") as { message: { from: Record<string, unknown> } };
      u.message.from["first_name"] = "Mamadou";
      return u;
    };
    await postTelegram(svc.baseUrl, update("bonjour"));
    await eventually(() => toChat(NEWCOMER).length > 0);
    await postTelegram(svc.baseUrl, update("je voudrais parler à quelqu'un de l'équipe svp"));
    const forwarded = await eventually(() => toChat(COORD_TG).find((c) => String(c.params["text"]).includes(String(NEWCOMER))));
    expect(String(forwarded.params["text"])).toContain(`Mamadou — telegram ${NEWCOMER}`);
    expect(String(forwarded.params["text"])).not.toContain("?");
  });
});
