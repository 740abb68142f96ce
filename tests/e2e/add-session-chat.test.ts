import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeChoicePayload, encodeChoicePayload } from "../../src/core/intent.ts";
import { importProgramme } from "../../src/programme/import.ts";
import type { FakeTelegram } from "../fakes/telegram-server.ts";
import { postTelegram, startWithPlatforms, tgCallbackUpdate, tgTextUpdate } from "../support/platforms.ts";
import { eventually, type TestService } from "../support/service.ts";

/**
 * "Add a session" in the chat, through the Telegram webhook: the session goes in a cohort the coordinator
 * coordinates, never in another coordinator's cohort that merely starts first; a coordinator of several
 * open cohorts is asked which (buttons naming only hers), an admin may pick any open cohort, and a
 * coordinator of no open cohort is told so.
 */

const AMINA = 66000001; // coordinates "belleville"
const CHLOE = 66000002; // coordinates "pantin" and "bobigny"
const DINA = 66000003; // coordinates only "ancienne", which has ended
const MARC = 66000004; // admin
const ZONE = "Europe/Paris";
const when = DateTime.now().setZone(ZONE).startOf("day").plus({ days: 20 }).set({ hour: 14 });

let tg: FakeTelegram;
let svc: TestService;
let stop: () => Promise<void>;
const ids: Record<string, string> = {};

const messagesTo = (chat: number) => tg.callsTo("sendMessage").filter((c) => String(c.params["chat_id"]) === String(chat));

/** One step of a conversation with the bot: sent, then its first answer (text and the ids of its buttons). */
async function say(chat: number, step: { text?: string; choice?: string }): Promise<{ text: string; buttons: { id: string; label: string }[] }> {
  const before = messagesTo(chat).length;
  await postTelegram(svc.baseUrl, step.choice ? tgCallbackUpdate(chat, encodeChoicePayload(step.choice)) : tgTextUpdate(chat, step.text!, "fr"));
  const message = await eventually(() => messagesTo(chat)[before]);
  const keyboard = (message.params["reply_markup"] as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined)?.inline_keyboard ?? [];
  return { text: String(message.params["text"]), buttons: keyboard.flat().map((b) => ({ id: decodeChoicePayload(b.callback_data) ?? b.callback_data, label: b.text })) };
}

/** The rest of "add a session" after the cohort is known: title, date, place. */
async function finishAdding(chat: number, title: string): Promise<string> {
  await say(chat, { text: title });
  await say(chat, { text: when.toFormat("d/M/yyyy H:mm") });
  const asked = (await say(chat, { text: "Marché d'Aligre" })).text;
  if (!asked.includes("Les membres seront prévenus")) throw new Error(`the addition was not asked first: ${asked}`);
  return (await say(chat, { choice: "ss:addok" })).text;
}

const sessionsTitled = async (title: string) => {
  const rows = await svc.service.deps.prisma.trainingSession.findMany({ where: { title }, include: { cohort: { select: { key: true } } } });
  return rows.map((r) => r.cohort.key);
};

beforeAll(async () => {
  ({ tg, svc, stop } = await startWithPlatforms());
  const { prisma } = svc.service.deps;
  const coord = (id: number, name: string) => ({ channel: "telegram" as const, externalId: String(id), name, locale: "fr" });
  const cohort = (key: string, name: string, startsOn: string, endsOn: string, coordinators: ReturnType<typeof coord>[]) => ({ key, name, startsOn, endsOn, sessions: [], members: [], coordinators });
  const nextYear = DateTime.now().plus({ years: 1 }).toISODate()!;
  await importProgramme(prisma, {
    cohorts: [
      // Nobody in this test coordinates the cohort that starts first.
      cohort("premiere", "Coopérative Première", "2020-01-06", nextYear, []),
      cohort("belleville", "Coopérative Belleville", "2026-11-01", nextYear, [coord(AMINA, "Amina")]),
      cohort("pantin", "Coopérative Pantin", "2026-10-01", nextYear, [coord(CHLOE, "Chloé")]),
      cohort("bobigny", "Coopérative Bobigny", "2026-10-15", nextYear, [coord(CHLOE, "Chloé")]),
      cohort("ancienne", "Coopérative Ancienne", "2024-01-08", "2024-06-07", [coord(DINA, "Dina")]),
    ],
  } as never);
  for (const c of await prisma.cohort.findMany()) ids[c.key] = c.id;
  await prisma.person.create({ data: { role: "admin", firstName: "Marc", locale: "fr", localeConfirmed: true, identities: { create: { channel: "telegram", externalId: String(MARC) } } } });
}, 60_000);
afterAll(async () => stop?.());

describe("adding a session from the chat", () => {
  it("puts it in the cohort she coordinates, not in the first open cohort", async () => {
    expect((await say(AMINA, { choice: "ss:add" })).text).toContain("Coopérative Belleville");
    expect(await finishAdding(AMINA, "Vendre au marché")).toContain("Vendre au marché");
    expect(await eventually(async () => ((await sessionsTitled("Vendre au marché")).length ? sessionsTitled("Vendre au marché") : undefined))).toEqual(["belleville"]);
  });

  it("asks a coordinator of several open cohorts which one, offering only hers", async () => {
    const asked = await say(CHLOE, { choice: "ss:add" });
    expect(asked.text).toContain("Dans quelle coopérative ajouter la formation ?");
    expect(asked.buttons).toEqual([
      { id: `ss:in:${ids["pantin"]}`, label: "Coopérative Pantin" },
      { id: `ss:in:${ids["bobigny"]}`, label: "Coopérative Bobigny" },
    ]);
    expect((await say(CHLOE, { choice: `ss:in:${ids["bobigny"]}` })).text).toContain("Coopérative Bobigny");
    await finishAdding(CHLOE, "Fixer ses prix");
    expect(await eventually(async () => ((await sessionsTitled("Fixer ses prix")).length ? sessionsTitled("Fixer ses prix") : undefined))).toEqual(["bobigny"]);
    // Another coordinator's cohort, even when its choice is forged, is refused.
    await say(CHLOE, { choice: `ss:in:${ids["belleville"]}` });
    expect(await svc.service.deps.prisma.conversationState.findFirst({ where: { person: { firstName: "Chloé" } } })).toMatchObject({ flow: null });
  });

  it("lets an admin pick any open cohort", async () => {
    const asked = await say(MARC, { choice: "ss:add" });
    expect(asked.buttons.map((b) => b.label)).toEqual(["Coopérative Première", "Coopérative Pantin", "Coopérative Bobigny", "Coopérative Belleville"]);
    await say(MARC, { choice: `ss:in:${ids["premiere"]}` });
    await finishAdding(MARC, "Bilan de mi-parcours");
    expect(await eventually(async () => ((await sessionsTitled("Bilan de mi-parcours")).length ? sessionsTitled("Bilan de mi-parcours") : undefined))).toEqual(["premiere"]);
  });

  it("tells a coordinator of no open cohort that she cannot add one", async () => {
    const answer = await say(DINA, { choice: "ss:add" });
    expect(answer.text).toContain("Vous ne coordonnez aucune coopérative ouverte");
    expect(answer.buttons).toEqual([]);
    expect(await svc.service.deps.prisma.trainingSession.count({ where: { cohortId: ids["ancienne"]! } })).toBe(0);
  });
});
