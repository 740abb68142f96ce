import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProgramme } from "../../src/programme/import.ts";
import { BRIDGE_CONSENT } from "../../src/privacy/bridge-consent.ts";
import { erasePerson } from "../../src/privacy/erase.ts";
import { startFakeLibreTranslate, type FakeLibreTranslate } from "../fakes/libretranslate-server.ts";
import type { FakeTelegram } from "../fakes/telegram-server.ts";
import type { FakeWhatsApp } from "../fakes/whatsapp-server.ts";
import { startFakeWhisper, whisperFailures, type FakeWhisper } from "../fakes/whisper-server.ts";
import { postTelegram, postWhatsApp, startWithPlatforms, tgTextUpdate, waTextBody } from "../support/platforms.ts";
import { CONSOLE_ENV, get, signIn } from "../support/console.ts";
import { eventually, type TestService } from "../support/service.ts";
import { createSignInLink } from "../../src/signin/links.ts";
import { tgVoiceUpdate, waVoiceBody } from "../support/voice-payloads.ts";

/**
 * Voice notes end to end through the webhooks: the audio fetched through each platform's media API
 * (fake Graph and Bot API servers), transcribed by the fake Whisper server, translated by the fake
 * LibreTranslate for a French coordinator; a voice note answering the enrolment's project question
 * becomes the answer; every failure keeps today's behaviour (coordinators asked to call back) and is
 * counted in /metrics; erasure removes the audio.
 */

// What the fake Whisper "hears": a Dari voice note (fa-AF), and a Dari project description.
const DARI = "سلام، من زهرا هستم. فردا نمی‌توانم به کلاس بیایم چون وقت داکتر دارم.";
const DARI_PROJECT = "می‌خواهم یک آشپزخانه کوچک برای غذای افغانی باز کنم و برای مراسم غذا بپزم.";
const OGG = (n: number) => Buffer.concat([Buffer.from("OggS\u0000\u0002"), Buffer.alloc(n, 0x4f)]);
const MAX_BYTES = 8192;

const ZAHRA = "33755500101";
const COORD = 64000009;

interface Setup {
  wa: FakeWhatsApp;
  tg: FakeTelegram;
  svc: TestService;
  stop(): Promise<void>;
}

const textsTo = (tg: FakeTelegram, chat: number) =>
  tg
    .callsTo("sendMessage")
    .filter((c) => String(c.params["chat_id"]) === String(chat))
    .map((c) => String(c.params["text"]));

const waTextsTo = (wa: FakeWhatsApp, to: string) =>
  wa
    .sent()
    .filter((b) => b["to"] === to)
    .map((b) => JSON.stringify(b));

async function metricsText(s: Setup): Promise<string> {
  return (await fetch(`${s.svc.baseUrl}/metrics`)).text();
}

/** The value of one series in Prometheus' text format (0 when absent). */
function series(metrics: string, name: string, labels: string): number {
  const line = metrics.split("\n").find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line ? Number(line.split(" ").pop()) : 0;
}

async function voiceCount(s: Setup, outcome: string): Promise<number> {
  return series(await metricsText(s), "migracoop_voice_notes_total", `outcome="${outcome}"`);
}

/** A cohort with Zahra, a Dari speaker on WhatsApp, and Amina, a French coordinator on Telegram. */
async function setUp(env: Record<string, string>): Promise<Setup> {
  const s = await startWithPlatforms({ env });
  await importProgramme(s.svc.service.deps.prisma, {
    cohorts: [
      {
        key: "voice-2027",
        name: "Coopérative Voix",
        startsOn: "2027-01-04",
        endsOn: "2027-06-04",
        sessions: [],
        members: [{ channel: "whatsapp", externalId: ZAHRA, name: "Zahra", locale: "fa" }],
        coordinators: [{ channel: "telegram", externalId: String(COORD), name: "Amina", locale: "fr" }],
      },
    ],
  });
  return s;
}

/** Zahra sends a voice note whose audio the fake Graph API keeps; returns the media id. */
async function zahraSpeaks(s: Setup, content: Buffer, mimeType = "audio/ogg; codecs=opus", voice = true): Promise<string> {
  const id = s.wa.addMedia({ content, mimeType });
  const res = await postWhatsApp(s.svc.baseUrl, waVoiceBody(ZAHRA, { id, content, mimeType, voice }, { name: "Zahra" }));
  expect(res.status).toBe(200);
  return id;
}

/** The Media row of a platform media id, once settled. */
async function settled(s: Setup, platformId: string) {
  return eventually(async () => {
    const m = await s.svc.service.deps.prisma.media.findFirst({ where: { platformId } });
    return m?.status === "settled" ? m : undefined;
  });
}

describe("voice notes with Whisper and LibreTranslate", () => {
  let whisper: FakeWhisper;
  let lt: FakeLibreTranslate;
  let s: Setup;

  beforeAll(async () => {
    whisper = await startFakeWhisper({ apiKey: "whisper-key" });
    lt = await startFakeLibreTranslate();
    s = await setUp({
      TRANSCRIBE_URL: whisper.url,
      TRANSCRIBE_API_KEY: "whisper-key",
      TRANSCRIBE_TIMEOUT_MS: "1500",
      TRANSLATE_PROVIDERS: "libretranslate",
      LIBRETRANSLATE_URL: lt.url,
      MEDIA_MAX_BYTES: String(MAX_BYTES),
      ...CONSOLE_ENV,
    });
  });
  afterAll(async () => {
    await s?.stop();
    await whisper?.close();
    await lt?.close();
  });

  it("brings a Dari voice note to the French coordinator as its transcript with a French translation, marked automatic", async () => {
    whisper.transcript = () => DARI;
    const audio = OGG(3000);
    const mediaId = await zahraSpeaks(s, audio);

    const forwarded = await eventually(() => textsTo(s.tg, COORD).find((t) => t.includes(DARI)));
    const [before, after] = forwarded.split("🌐 Traduction automatique :");
    expect(before).toContain("🎤 Zahra");
    expect(before).toContain(`Transcription automatique : « ${DARI} »`);
    expect(before).not.toContain("Rappelez");
    expect(after).toContain(`[fa→fr] ${DARI}`);

    // Whisper got the audio itself, as an .ogg file, with the speaker's language; only the words went to LibreTranslate.
    const [asked] = whisper.requestsTo("/v1/audio/transcriptions");
    expect(asked?.files?.["file"]).toMatchObject({ size: audio.length });
    expect(asked?.files?.["file"]?.filename).toMatch(/\.ogg$/);
    expect(Buffer.from(asked!.files!["file"]!.bytes).equals(audio)).toBe(true);
    expect(asked?.form).toMatchObject({ language: "fa", response_format: "json" });
    expect(JSON.stringify(lt.requests.map((r) => r.json ?? null))).not.toContain("Zahra");

    // The audio is kept with its transcript, and the thread holds the words.
    const media = await settled(s, mediaId);
    expect(media).toMatchObject({ outcome: "transcribed", transcript: DARI, language: "fa", sizeBytes: audio.length });
    expect(Buffer.from(media.content!).equals(audio)).toBe(true);
    expect(await s.svc.service.deps.prisma.relayMessage.count({ where: { text: `🎤 ${DARI}` } })).toBe(1);
    // Zahra is told, in Dari, that her voice note went to the team.
    await eventually(() => waTextsTo(s.wa, ZAHRA).find((t) => t.includes("🎤")));
    expect(await voiceCount(s, "transcribed")).toBe(1);
  });

  it("lets the coordinator listen to the voice note beside its words in the console, and nobody outside her scope", async () => {
    const prisma = s.svc.service.deps.prisma;
    const sessionOf = async (firstName: string) => {
      const person = await prisma.person.findFirstOrThrow({ where: { firstName, role: "coordinator" } });
      const made = await createSignInLink(prisma, person.id, CONSOLE_ENV.PUBLIC_URL, new Date());
      if (!("url" in made)) throw new Error("refused");
      return signIn(s.svc.baseUrl, made.url);
    };
    const message = await prisma.relayMessage.findFirstOrThrow({ where: { text: `🎤 ${DARI}` }, include: { media: true } });
    const audio = message.media!;
    const amina = await sessionOf("Amina");
    const thread = await (await get(s.svc.baseUrl, `/console/inbox/${message.threadId}`, amina)).text();
    expect(thread).toContain(`<audio controls preload="none" src="/console/voice/${audio.id}"`);
    const heard = await get(s.svc.baseUrl, `/console/voice/${audio.id}`, amina);
    expect(heard.status).toBe(200);
    expect(heard.headers.get("content-type")).toBe("audio/ogg");
    expect(heard.headers.get("cache-control")).toBe("private, no-store");
    expect(Buffer.from(await heard.arrayBuffer()).equals(Buffer.from(audio.content!))).toBe(true);

    // Signed out, or another cohort's coordinator: nothing.
    expect((await get(s.svc.baseUrl, `/console/voice/${audio.id}`)).status).toBe(401);
    await importProgramme(prisma, {
      cohorts: [{ key: "other-2027", name: "Autre", startsOn: "2027-01-04", endsOn: "2027-06-04", sessions: [], members: [{ channel: "telegram", externalId: "64000301", name: "Awa", locale: "fr" }], coordinators: [{ channel: "telegram", externalId: "64000309", name: "Binta", locale: "fr" }] }],
    });
    const binta = await sessionOf("Binta");
    expect((await get(s.svc.baseUrl, `/console/voice/${audio.id}`, binta)).status).toBe(404);
    expect((await get(s.svc.baseUrl, "/console/voice/not-a-uuid", amina)).status).toBe(404);
  });

  it("keeps the person's order: a text sent while her voice note is being transcribed is handled after it", async () => {
    const prisma = s.svc.service.deps.prisma;
    const words = "این پیام بعد از پیام صوتی فرستاده شد";
    const heard = "پیام صوتی دوم";
    whisper.transcript = () => heard;
    whisper.delayMs = 600;
    let mediaId: string;
    try {
      mediaId = await zahraSpeaks(s, OGG(1200));
      await new Promise((r) => setTimeout(r, 100));
      await postWhatsApp(s.svc.baseUrl, waTextBody(ZAHRA, words, { name: "Zahra" }));
      await eventually(() => textsTo(s.tg, COORD).find((t) => t.includes(words)));
    } finally {
      whisper.delayMs = 0;
    }
    // The text waited for the transcription, then both were handled in the order sent.
    const note = await settled(s, mediaId);
    const text = await prisma.inboundMessage.findFirstOrThrow({ where: { text: words } });
    expect(text.processedAt!.getTime()).toBeGreaterThanOrEqual(note.settledAt!.getTime());
    const voiceInThread = await prisma.relayMessage.findFirstOrThrow({ where: { text: `🎤 ${heard}` } });
    const textInThread = await prisma.relayMessage.findFirstOrThrow({ where: { text: words } });
    expect(voiceInThread.createdAt.getTime()).toBeLessThanOrEqual(textInThread.createdAt.getTime());
    await eventually(() => textsTo(s.tg, COORD).find((t) => t.includes(heard)));
  });

  it.each([
    ["too big for MEDIA_MAX_BYTES", "too_large", OGG(MAX_BYTES + 100), "audio/ogg; codecs=opus", () => undefined],
    ["of a type no transcription server reads", "unsupported_type", OGG(900), "audio/x-ms-wma", () => undefined],
    ["answered 500 by Whisper", "failed", OGG(900), "audio/ogg; codecs=opus", () => whisper.failNext(whisperFailures.serverError(), 1, "/v1/audio/transcriptions")],
    ["not answered by Whisper within TRANSCRIBE_TIMEOUT_MS", "timeout", OGG(900), "audio/ogg; codecs=opus", () => (whisper.delayMs = 3000)],
  ])("asks the coordinator to call back, as before, for a voice note %s, and counts it in /metrics", async (_what, outcome, audio, mimeType, provoke) => {
    const callBacks = () => textsTo(s.tg, COORD).filter((t) => t.includes("Rappelez cette personne")).length;
    const before = callBacks();
    const counted = await voiceCount(s, outcome);
    const heard = whisper.requestsTo("/v1/audio/transcriptions").length;
    provoke();
    try {
      const mediaId = await zahraSpeaks(s, audio, mimeType, mimeType.includes("opus"));
      await eventually(() => (callBacks() > before ? true : undefined));
      const media = await settled(s, mediaId);
      expect(media.outcome).toBe(outcome);
      expect(media.transcript).toBeNull();
      // Audio over the limit or of a type not taken is never downloaded, nor sent to Whisper.
      if (outcome === "too_large" || outcome === "unsupported_type") {
        expect(media.content).toBeNull();
        expect(whisper.requestsTo("/v1/audio/transcriptions").length).toBe(heard);
      } else {
        expect(media.content?.length).toBe(audio.length);
      }
    } finally {
      whisper.delayMs = 0;
    }
    expect(await voiceCount(s, outcome)).toBe(counted + 1);
  });

  it("does not send the voice note of a person who refused the language bridge to Whisper; the team is asked to call back", async () => {
    const prisma = s.svc.service.deps.prisma;
    const zahra = await prisma.identity.findUniqueOrThrow({ where: { channel_externalId: { channel: "whatsapp", externalId: ZAHRA } } });
    await prisma.consent.create({ data: { personId: zahra.personId, kind: BRIDGE_CONSENT, version: "test", withdrawnAt: new Date() } });
    const heard = whisper.requestsTo("/v1/audio/transcriptions").length;
    const callBacks = textsTo(s.tg, COORD).filter((t) => t.includes("Rappelez cette personne")).length;
    try {
      const mediaId = await zahraSpeaks(s, OGG(900));
      expect((await settled(s, mediaId)).outcome).toBe("refused");
      await eventually(() => (textsTo(s.tg, COORD).filter((t) => t.includes("Rappelez cette personne")).length > callBacks ? true : undefined));
      expect(whisper.requestsTo("/v1/audio/transcriptions").length).toBe(heard);
      expect(await voiceCount(s, "refused")).toBe(1);
    } finally {
      await prisma.consent.deleteMany({ where: { personId: zahra.personId, kind: BRIDGE_CONSENT } });
    }
  });

  it("takes a voice note answering the enrolment's project question as the answer, its words marked as heard", async () => {
    const prisma = s.svc.service.deps.prisma;
    const chat = 64000101;
    let step = 0;
    const say = async (update: { update_id: number }) => {
      step++;
      expect((await postTelegram(s.svc.baseUrl, update)).status).toBe(200);
      await eventually(async () => ((await prisma.inboundMessage.findFirst({ where: { platformMessageId: `update:${update.update_id}` } }))?.status === "processed" ? true : undefined));
    };
    const stepOf = async () => (await prisma.conversationState.findFirst({ where: { person: { identities: { some: { externalId: String(chat) } } } } }))?.step;
    // First contact in Dari, keep the language, enrol, consent, name, languages, French level: then the project.
    for (const text of ["سلام", "1", "1", "1", "فرشته", "دری و فرانسوی", "2"]) await say(tgTextUpdate(chat, text, "fa"));
    expect(await stepOf()).toBe("project");

    whisper.transcript = () => DARI_PROJECT;
    const audio = OGG(2500);
    const fileId = s.tg.addFile(audio);
    await say(tgVoiceUpdate(chat, { fileId, size: audio.length }, "fa"));
    expect(await stepOf()).toBe("sector");
    const answer = await prisma.enrolmentAnswer.findFirstOrThrow({ where: { questionKey: "project", application: { person: { identities: { some: { externalId: String(chat) } } } } } });
    // Cleaned as a typed answer is, its spelling kept (the zero-width non-joiner of "می‌خواهم" stays).
    expect(answer.value).toBe(`🎤 ${DARI_PROJECT}`);
    // The audio went through getFile and the file URL, and is kept for the coordinators.
    expect(s.tg.callsTo("getFile").at(-1)?.params).toMatchObject({ file_id: fileId });
    const media = await prisma.media.findFirstOrThrow({ where: { platformId: fileId } });
    expect(media).toMatchObject({ outcome: "transcribed", transcript: DARI_PROJECT });
    expect(Buffer.from(media.content!).equals(audio)).toBe(true);
  });

  it("keeps the audio only as long as its message, and erases it with the person's data", async () => {
    const prisma = s.svc.service.deps.prisma;
    const zahra = await prisma.identity.findUniqueOrThrow({ where: { channel_externalId: { channel: "whatsapp", externalId: ZAHRA } } });
    const hers = await prisma.media.findMany({ where: { inbound: { externalId: ZAHRA } }, select: { id: true, inboundId: true } });
    expect(hers.length).toBeGreaterThan(3);
    await prisma.inboundMessage.delete({ where: { id: hers[0]!.inboundId } });
    expect(await prisma.media.count({ where: { id: hers[0]!.id } })).toBe(0);

    await prisma.$transaction((tx) => erasePerson(tx, zahra.personId, new Date()));
    expect(await prisma.media.count({ where: { id: { in: hers.map((m) => m.id) } } })).toBe(0);
    // The other voice notes (the applicant's on Telegram) are not touched.
    expect(await prisma.media.count()).toBeGreaterThan(0);
  });
});

describe("voice notes without a transcription server", () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setUp({});
  });
  afterAll(async () => s?.stop());

  it("goes on as before: the coordinator is asked to call back, nothing is downloaded or kept, and it is counted as off", async () => {
    await zahraSpeaks(s, OGG(900));
    await eventually(() => textsTo(s.tg, COORD).find((t) => t.includes("Rappelez cette personne")));
    expect(s.wa.requests.filter((r) => r.method === "GET")).toEqual([]);
    expect(await s.svc.service.deps.prisma.media.count()).toBe(0);
    expect(await voiceCount(s, "off")).toBe(1);
  });
});
