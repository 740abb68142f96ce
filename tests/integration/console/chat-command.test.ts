import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProgramme } from "../../../src/programme/import.ts";
import type { FakeTelegram } from "../../fakes/telegram-server.ts";
import { CONSOLE_ENV, get, signIn } from "../../support/console.ts";
import { postTelegram, startWithPlatforms, tgTextUpdate } from "../../support/platforms.ts";
import { eventually } from "../../support/service.ts";

const COORD = 63000009;
const MEMBER = 63000001;
const ADMIN_EN = 63000008;
const LINK = /https:\/\/console\.example\.org\/console\/login\/[A-Za-z0-9_-]{43}/;

type Started = Awaited<ReturnType<typeof startWithPlatforms>>;
const programme = {
  cohorts: [
    {
      key: "cc",
      name: "Coopérative Console",
      startsOn: "2026-10-01",
      endsOn: "2027-03-01",
      sessions: [],
      members: [{ channel: "telegram" as const, externalId: String(MEMBER), name: "Olena", locale: "uk" }],
      coordinators: [{ channel: "telegram" as const, externalId: String(COORD), name: "Amina", locale: "fr" }],
    },
  ],
};
const toChat = (tg: FakeTelegram, chat: number) => tg.callsTo("sendMessage").filter((c) => String(c.params["chat_id"]) === String(chat)).map((c) => String(c.params["text"]));

describe("'console' written to the bot, console on", () => {
  let s: Started;
  beforeAll(async () => {
    s = await startWithPlatforms({ env: CONSOLE_ENV });
    await importProgramme(s.svc.service.deps.prisma, programme);
  });
  afterAll(async () => s?.stop());

  it("gives a coordinator a link in her language, which signs her in once", async () => {
    await postTelegram(s.svc.baseUrl, tgTextUpdate(COORD, "console", "fr"));
    const text = await eventually(() => toChat(s.tg, COORD).find((t) => LINK.test(t)));
    expect(text).toContain("une seule fois");
    expect(text).toContain("15 minutes");
    const url = LINK.exec(text)![0];
    const cookie = await signIn(s.svc.baseUrl, url);
    expect(await (await get(s.svc.baseUrl, "/console", cookie)).text()).toContain("Amina");
    expect((await get(s.svc.baseUrl, new URL(url).pathname)).status).toBe(410);
  });

  it("gives an admin who writes the Russian word a link in his own language (English)", async () => {
    const { prisma } = s.svc.service.deps;
    await prisma.person.create({ data: { role: "admin", firstName: "Marc", locale: "en", localeConfirmed: true, identities: { create: { channel: "telegram", externalId: String(ADMIN_EN) } } } });
    await postTelegram(s.svc.baseUrl, tgTextUpdate(ADMIN_EN, "консоль", "en"));
    const text = await eventually(() => toChat(s.tg, ADMIN_EN).find((t) => LINK.test(t)));
    expect(text).toContain("It works once, for 15 minutes");
  });

  it("refuses a participant, as for every coordinator command, and makes no link", async () => {
    await postTelegram(s.svc.baseUrl, tgTextUpdate(MEMBER, "console", "uk"));
    const refused = await eventually(() => toChat(s.tg, MEMBER).find((t) => t.startsWith("⛔")));
    expect(refused).not.toMatch(LINK);
    const { prisma } = s.svc.service.deps;
    const olena = await prisma.identity.findFirstOrThrow({ where: { externalId: String(MEMBER) } });
    expect(await prisma.consoleLink.count({ where: { personId: olena.personId } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "denied", subject: "console" } })).toBe(1);
  });
});

describe("'console' written to the bot, console off", () => {
  let s: Started;
  beforeAll(async () => {
    s = await startWithPlatforms();
    await importProgramme(s.svc.service.deps.prisma, programme);
  });
  afterAll(async () => s?.stop());

  it("tells the coordinator the console is off, and serves no console route", async () => {
    await postTelegram(s.svc.baseUrl, tgTextUpdate(COORD, "console", "fr"));
    const text = await eventually(() => toChat(s.tg, COORD).find((t) => t.includes("console web")));
    expect(text).toContain("pas encore activée");
    expect(await s.svc.service.deps.prisma.consoleLink.count()).toBe(0);
    expect((await get(s.svc.baseUrl, "/console")).status).toBe(404);
  });
});
