import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTelegramBot } from "../../../src/channels/telegram/bot.ts";
import { telegramMedia } from "../../../src/channels/telegram/media.ts";
import { whatsappMedia } from "../../../src/channels/whatsapp/media.ts";
import { MediaError, readLimited } from "../../../src/core/media.ts";
import { mediaLimits } from "../../../src/voice/voice-notes.ts";
import { startFakeTelegram, type FakeTelegram } from "../../fakes/telegram-server.ts";
import { startFakeWhatsApp, type FakeWhatsApp } from "../../fakes/whatsapp-server.ts";

/**
 * Voice notes through each platform's media API, against the fake Graph and Bot API servers: the
 * bytes arrive whole with the platform's type; the size limit is kept before and during the download,
 * and only the audio types a transcription server reads are taken.
 */

const TOKEN = "EAAmedia-token";
const PHONE = "106540352242922";
const OGG = Buffer.concat([Buffer.from("OggS"), Buffer.alloc(2000, 7)]);
const limits = mediaLimits(4096);

async function failure(p: Promise<unknown>): Promise<MediaError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(MediaError);
  return err as MediaError;
}

describe("WhatsApp media: media id → URL → download with the token", () => {
  let wa: FakeWhatsApp;
  beforeAll(async () => {
    wa = await startFakeWhatsApp({ token: TOKEN, phoneNumberId: PHONE });
  });
  afterAll(async () => wa?.close());
  const source = () => whatsappMedia({ baseUrl: wa.baseUrl, accessToken: TOKEN, phoneNumberId: PHONE });

  it("downloads a voice note with its type, asking Graph for its URL then the URL, both with the bearer token", async () => {
    const id = wa.addMedia({ content: OGG, mimeType: "audio/ogg; codecs=opus" });
    const file = await source().download(id, limits);
    expect(Buffer.from(file.content).equals(OGG)).toBe(true);
    expect(file.mimeType).toBe("audio/ogg; codecs=opus");
    const asked = wa.requests.filter((r) => r.method === "GET");
    expect(asked.map((r) => r.path)).toEqual([expect.stringMatching(new RegExp(`^/v\\d+\\.\\d+/${id}$`)), `/download/${id}`]);
    expect(asked.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("refuses a file over the limit from the size Graph gives, without downloading it", async () => {
    const id = wa.addMedia({ content: Buffer.alloc(5000, 1), mimeType: "audio/ogg" });
    const before = wa.requests.length;
    expect((await failure(source().download(id, limits))).code).toBe("media.too_large");
    expect(wa.requests.slice(before).map((r) => r.path)).not.toContain(`/download/${id}`);
  });

  it("refuses types a transcription server does not read (a video, a Windows Media file)", async () => {
    for (const mimeType of ["video/mp4", "audio/x-ms-wma"]) {
      const id = wa.addMedia({ content: OGG, mimeType });
      expect((await failure(source().download(id, limits))).code).toBe("media.unsupported_type");
    }
  });

  it("says download_failed for an unknown media id and for a download answered 500", async () => {
    expect((await failure(source().download("999", limits))).code).toBe("media.download_failed");
    const id = wa.addMedia({ content: OGG, mimeType: "audio/ogg" });
    wa.failDownloads(1, 500);
    expect((await failure(source().download(id, limits))).code).toBe("media.download_failed");
  });

  it("says download_failed when Graph does not answer in time", async () => {
    const id = wa.addMedia({ content: OGG, mimeType: "audio/ogg" });
    wa.latencyMs = 500;
    try {
      const slow = whatsappMedia({ baseUrl: wa.baseUrl, accessToken: TOKEN, phoneNumberId: PHONE, timeoutMs: 100 });
      const err = await failure(slow.download(id, limits));
      expect(err.code).toBe("media.download_failed");
      expect(err.context).toMatchObject({ timeout: true });
    } finally {
      wa.latencyMs = 0;
    }
  });
});

describe("Telegram media: getFile → file_path → {apiRoot}/file/bot<token>/<file_path>", () => {
  let tg: FakeTelegram;
  beforeAll(async () => {
    tg = await startFakeTelegram();
  });
  afterAll(async () => tg?.close());
  const source = () => {
    const cfg = { token: tg.token, apiRoot: tg.apiRoot, webhookSecret: undefined, pollingLockMs: 10_000 };
    return telegramMedia(createTelegramBot(cfg as never), cfg);
  };

  it("downloads a voice note from the apiRoot the bot uses, with the message's type", async () => {
    const fileId = tg.addFile(OGG);
    const file = await source().download(fileId, limits, { mimeType: "audio/ogg" });
    expect(Buffer.from(file.content).equals(OGG)).toBe(true);
    expect(file.mimeType).toBe("audio/ogg");
    expect(tg.callsTo("getFile").at(-1)?.params).toMatchObject({ file_id: fileId });
  });

  it("refuses a file over the limit from getFile's file_size, and a type not taken before asking", async () => {
    const big = tg.addFile(Buffer.alloc(5000, 1));
    expect((await failure(source().download(big, limits, { mimeType: "audio/ogg" }))).code).toBe("media.too_large");
    const calls = tg.callsTo("getFile").length;
    expect((await failure(source().download(big, limits, { mimeType: "audio/x-flac-unknown" }))).code).toBe("media.unsupported_type");
    expect(tg.callsTo("getFile").length).toBe(calls);
  });

  it("says download_failed for a file Telegram does not know", async () => {
    expect((await failure(source().download("AwACAgQAAx-unknown", limits, { mimeType: "audio/ogg" }))).code).toBe("media.download_failed");
  });
});

describe("reading a download within the limit", () => {
  const chunked = (sizes: number[]) =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const n of sizes) controller.enqueue(new Uint8Array(n).fill(1));
          controller.close();
        },
      }),
    );

  it("stops a download that grows past the limit even when no size was announced", async () => {
    expect((await failure(readLimited(chunked([3000, 3000]), 4096, "test"))).code).toBe("media.too_large");
    expect((await readLimited(chunked([2000, 2096]), 4096, "test")).byteLength).toBe(4096);
  });

  it("refuses at once a content-length over the limit", async () => {
    const res = new Response("x".repeat(10), { headers: { "content-length": "5000" } });
    expect((await failure(readLimited(res, 4096, "test"))).code).toBe("media.too_large");
  });
});
