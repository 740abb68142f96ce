import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProgramme } from "../../src/programme/import.ts";
import type { FakeTelegram } from "../fakes/telegram-server.ts";
import type { FakeWhatsApp } from "../fakes/whatsapp-server.ts";
import { postTelegram, startWithPlatforms, tgTextUpdate } from "../support/platforms.ts";
import { eventually, type TestService } from "../support/service.ts";

let wa: FakeWhatsApp;
let tg: FakeTelegram;
let svc: TestService;
const COORD = 63000009;

beforeAll(async () => {
  ({ wa, tg, svc } = await startWithPlatforms());
  await importProgramme(svc.service.deps.prisma, {
    cohorts: [{ key: "flood", name: "Coopérative Flot", startsOn: "2026-10-01", endsOn: "2027-03-01", sessions: [], members: [], coordinators: [{ channel: "telegram", externalId: String(COORD), name: "Amina", locale: "fr" }] }],
  });
});
afterAll(async () => {
  await svc?.stop();
  await wa?.close();
  await tg?.close();
});

const prisma = () => svc.service.deps.prisma;
const toChat = (chat: number) => tg.callsTo("sendMessage").filter((c) => String(c.params["chat_id"]) === String(chat));
const settled = async (chat: number, n: number) =>
  eventually(async () => ((await prisma().inboundMessage.count({ where: { externalId: String(chat), status: { not: "received" } } })) >= n ? true : undefined), 20_000);
const inbound = (chat: number) => prisma().inboundMessage.findMany({ where: { externalId: String(chat) }, orderBy: [{ receivedAt: "asc" }, { id: "asc" }] });

describe("floods", () => {
  const CHAT = 63000001;
  let sentBefore = 0;

  it("answers 20 messages a minute; the 21st gets one 'please slow down'; the rest are kept, not answered", async () => {
    for (let i = 0; i < 26; i++) await postTelegram(svc.baseUrl, tgTextUpdate(CHAT, `merci ${i}`, "fr"));
    await settled(CHAT, 26);
    const rows = await inbound(CHAT);
    expect(rows).toHaveLength(26);
    expect(rows.slice(0, 20).every((r) => r.error === null && r.status === "processed")).toBe(true);
    expect(rows.slice(20).every((r) => r.error === "flood" && r.status === "processed")).toBe(true);
    await eventually(() => (toChat(CHAT).some((c) => String(c.params["text"]).includes("🐢")) ? true : undefined));
    expect(toChat(CHAT).filter((c) => String(c.params["text"]).includes("🐢"))).toHaveLength(1);
    // The warning is the last thing sent: nothing for the 5 others.
    await new Promise((r) => setTimeout(r, 500));
    expect(String(toChat(CHAT).at(-1)!.params["text"])).toContain("🐢");
    sentBefore = toChat(CHAT).length;
  });

  it("tells the coordinators once when the flood goes on for 10 minutes", async () => {
    // The flood began 11 minutes ago (its start is kept with the conversation).
    const person = (await prisma().identity.findUniqueOrThrow({ where: { channel_externalId: { channel: "telegram", externalId: String(CHAT) } } })).personId;
    const state = await prisma().conversationState.findUniqueOrThrow({ where: { personId: person } });
    const data = state.data as { flood: { since: string } };
    await prisma().conversationState.update({ where: { personId: person }, data: { data: { ...data, flood: { ...data.flood, since: new Date(Date.now() - 11 * 60_000).toISOString() } } } });
    for (let i = 0; i < 3; i++) await postTelegram(svc.baseUrl, tgTextUpdate(CHAT, `encore ${i}`, "fr"));
    await settled(CHAT, 29);
    const alert = await eventually(() => toChat(COORD).find((c) => String(c.params["text"]).includes("beaucoup de messages")));
    expect(String(alert.params["text"])).toContain(`telegram ${CHAT}`);
    expect(toChat(COORD).filter((c) => String(c.params["text"]).includes("beaucoup de messages"))).toHaveLength(1);
    expect(toChat(CHAT)).toHaveLength(sentBefore);
  });

  it("answers again once the rate falls, and the flood is over", async () => {
    await prisma().$executeRaw`UPDATE "InboundMessage" SET "receivedAt" = "receivedAt" - interval '2 minutes' WHERE "externalId" = ${String(CHAT)}`;
    await postTelegram(svc.baseUrl, tgTextUpdate(CHAT, "merci beaucoup", "fr"));
    await settled(CHAT, 30);
    await eventually(() => (toChat(CHAT).length > sentBefore ? true : undefined));
    expect(String(toChat(CHAT).at(-1)!.params["text"])).not.toContain("🐢");
    const person = (await prisma().identity.findUniqueOrThrow({ where: { channel_externalId: { channel: "telegram", externalId: String(CHAT) } } })).personId;
    expect((await prisma().conversationState.findUniqueOrThrow({ where: { personId: person } })).data).not.toHaveProperty("flood");
  });

  it("a loop with another bot ends by itself", async () => {
    const BOT = 63000002;
    // The other bot answers each of our messages with one of its own, at once.
    let answered = 0;
    await postTelegram(svc.baseUrl, tgTextUpdate(BOT, "Bonjour ! Je suis un assistant automatique.", "fr"));
    const deadline = Date.now() + 30_000;
    let quietSince = Date.now();
    while (Date.now() < deadline) {
      const ours = toChat(BOT).length;
      if (ours > answered) {
        for (; answered < ours; answered++) await postTelegram(svc.baseUrl, tgTextUpdate(BOT, `Message reçu (${answered}). Comment puis-je vous aider ?`, "fr"));
        quietSince = Date.now();
      } else if (Date.now() - quietSince > 3_000) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(Date.now()).toBeLessThan(deadline);
    // At most the 20 answered messages' replies (one or two each) and one warning, then silence.
    expect(toChat(BOT).length).toBeLessThanOrEqual(45);
    expect(toChat(BOT).filter((c) => String(c.params["text"]).includes("🐢"))).toHaveLength(1);
  });
});
