import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAYLOAD_PREFIX } from "../../src/core/intent.ts";
import { BRIDGE_CONSENT, BRIDGE_NOTICE_VERSION } from "../../src/privacy/bridge-consent.ts";
import { importProgramme } from "../../src/programme/import.ts";
import type { FakeTelegram } from "../fakes/telegram-server.ts";
import type { FakeWhatsApp } from "../fakes/whatsapp-server.ts";
import { startFakeWhisper, type FakeWhisper } from "../fakes/whisper-server.ts";
import { postWhatsApp, startWithPlatforms, waTextBody } from "../support/platforms.ts";
import { eventually, type TestService } from "../support/service.ts";
import { waVoiceBody } from "../support/voice-payloads.ts";

/**
 * The bridge's privacy notice with only a transcription server configured (TRANSCRIBE_URL, no
 * translation provider), end to end through the webhooks: a member is told once that her voice notes
 * are turned into text, and nothing about translation; she refuses with the notice's button, and from
 * then on her voice notes do not reach the transcription server.
 */

const ZAHRA = "33755500301";
const COORD = 64000309;
const OGG = Buffer.concat([Buffer.from("OggS\u0000\u0002"), Buffer.alloc(900, 0x4f)]);

let whisper: FakeWhisper;
let wa: FakeWhatsApp;
let tg: FakeTelegram;
let svc: TestService;
let stop: () => Promise<void>;

/** What Zahra's WhatsApp received: texts, and interactive messages with their buttons' titles. */
const toZahra = () =>
  wa
    .sent()
    .filter((b) => b["to"] === ZAHRA)
    .map((b) => {
      const text = (b["text"] as { body?: string } | undefined)?.body;
      const interactive = b["interactive"] as { body?: { text?: string }; action?: { buttons?: { reply: { title: string } }[] } } | undefined;
      return [text ?? interactive?.body?.text ?? "", ...(interactive?.action?.buttons ?? []).map((x) => x.reply.title)].join("\n");
    });

async function zahraSays(text: string, buttonId?: string): Promise<string> {
  const before = toZahra().length;
  await postWhatsApp(svc.baseUrl, waTextBody(ZAHRA, text, { name: "Zahra", ...(buttonId ? { buttonId: PAYLOAD_PREFIX + buttonId } : {}) }));
  await eventually(() => (toZahra().length > before ? true : undefined));
  await new Promise((r) => setTimeout(r, 600));
  return toZahra().slice(before).join("\n---\n");
}

beforeAll(async () => {
  whisper = await startFakeWhisper();
  ({ wa, tg, svc, stop } = await startWithPlatforms({ env: { TRANSCRIBE_URL: whisper.url, TRANSCRIBE_TIMEOUT_MS: "1500" } }));
  const { prisma } = svc.service.deps;
  await importProgramme(prisma, {
    cohorts: [
      {
        key: "voice-only",
        name: "Coopérative Voix",
        startsOn: "2026-10-01",
        endsOn: "2027-06-01",
        sessions: [],
        members: [{ channel: "whatsapp", externalId: ZAHRA, name: "Zahra", locale: "fa" }],
        coordinators: [{ channel: "telegram", externalId: String(COORD), name: "Amina", locale: "fr" }],
      },
    ],
  });
  // Zahra accepted the data notice before transcription was configured.
  const zahra = await prisma.person.findFirstOrThrow({ where: { firstName: "Zahra" } });
  await prisma.consent.create({ data: { personId: zahra.id, version: "2026-11" } });
}, 60_000);
afterAll(async () => {
  await stop?.();
  await whisper?.close();
});

describe("the privacy notice with transcription alone", () => {
  it("tells the member once that her voice notes become text, without a word about translation", async () => {
    const answer = await zahraSays("منو");
    expect(answer).toContain("🎤 تازه: برای این‌که تیم پیام‌های صوتی شما را بفهمد");
    expect(answer).toContain("فقط صدا فرستاده می‌شود");
    expect(answer).toContain("🚫 نه، ممنون");
    expect(answer).not.toContain("ترجمه");
    const { prisma } = svc.service.deps;
    const row = await prisma.consent.findFirstOrThrow({ where: { kind: BRIDGE_CONSENT } });
    expect(row).toMatchObject({ version: BRIDGE_NOTICE_VERSION, withdrawnAt: null });
    // Told once: not again at her next message.
    expect(await zahraSays("منو")).not.toContain("فقط صدا فرستاده می‌شود");
  });

  it("takes her refusal from the notice's button, and keeps her voice notes from the transcription server", async () => {
    const said = await zahraSays("🚫 نه، ممنون", "bridge:refuse");
    expect(said).toContain("پیام‌های صوتی شما دیگر به نوشته تبدیل نمی‌شوند");
    expect(said).not.toContain("ترجمه");
    const { prisma } = svc.service.deps;
    expect(await prisma.consent.count({ where: { kind: BRIDGE_CONSENT, withdrawnAt: { not: null } } })).toBe(1);

    const id = wa.addMedia({ content: OGG, mimeType: "audio/ogg; codecs=opus" });
    expect((await postWhatsApp(svc.baseUrl, waVoiceBody(ZAHRA, { id, content: OGG }, { name: "Zahra" }))).status).toBe(200);
    const media = await eventually(async () => {
      const m = await prisma.media.findFirst({ where: { platformId: id } });
      return m?.status === "settled" ? m : undefined;
    });
    expect(media.outcome).toBe("refused");
    expect(whisper.requestsTo("/v1/audio/transcriptions")).toEqual([]);
    await eventually(() =>
      tg
        .callsTo("sendMessage")
        .map((c) => String(c.params["text"]))
        .find((t) => t.includes("Rappelez cette personne")),
    );
  });
});
