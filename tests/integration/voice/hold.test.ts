import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordInbound } from "../../../src/app/inbound/record-inbound.ts";
import type { InboundMessage } from "../../../src/core/inbound.ts";
import { heldBack } from "../../../src/voice/hold.ts";
import { startTestService, type TestService } from "../../support/service.ts";

/**
 * How a turn waits for voice notes being transcribed (voice/hold.ts), on the real database: the
 * person's messages stop at the first voice note still pending, so they keep their order; a voice
 * note that waited past its holdUntil (its job lost, a server that never answers) is let through
 * without words, and counted; a transcribed one brings its words.
 */

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ role: "web" });
});
afterAll(async () => svc?.stop());

const prisma = () => svc.service.deps.prisma;
let seq = 0;

async function message(who: string, m: Partial<InboundMessage>): Promise<{ id: string; payload: unknown }> {
  seq++;
  const id = await recordInbound(prisma(), { channel: "whatsapp", externalId: who, platformMessageId: `hold-${seq}`, sentAt: new Date(Date.now() + seq), kind: "text", ...m });
  const row = await prisma().inboundMessage.findUniqueOrThrow({ where: { id: id! } });
  return { id: row.id, payload: row.payload };
}

const voice = (who: string, mediaId: string) => message(who, { kind: "media", media: { type: "voice", id: mediaId, mimeType: "audio/ogg; codecs=opus" } });

describe("voice notes held back from the turn", () => {
  it("lets through only the messages before a voice note still being transcribed", async () => {
    const before = await message("33600000001", { text: "bonjour" });
    const note = await voice("33600000001", "m-pending");
    const after = await message("33600000001", { text: "vous avez reçu ?" });
    await prisma().media.create({ data: { inboundId: note.id, platformId: "m-pending", holdUntil: new Date(Date.now() + 60_000) } });
    const held = await heldBack(prisma(), [before, note, after], new Date());
    expect(held.ready).toBe(1);
  });

  it("stops waiting once holdUntil has passed: the voice note goes without words, counted once", async () => {
    const note = await voice("33600000002", "m-lost");
    const after = await message("33600000002", { text: "allô ?" });
    await prisma().media.create({ data: { inboundId: note.id, platformId: "m-lost", holdUntil: new Date(Date.now() - 1000) } });
    let gaveUp = 0;
    const held = await heldBack(prisma(), [note, after], new Date(), () => gaveUp++);
    expect(held).toEqual({ ready: 2, transcripts: new Map() });
    expect(gaveUp).toBe(1);
  });

  it("gives the words of a transcribed voice note, and nothing for one that failed", async () => {
    const heard = await voice("33600000003", "m-heard");
    const failed = await voice("33600000003", "m-failed");
    await prisma().media.create({ data: { inboundId: heard.id, platformId: "m-heard", holdUntil: new Date(), status: "settled", outcome: "transcribed", transcript: "سلام" } });
    await prisma().media.create({ data: { inboundId: failed.id, platformId: "m-failed", holdUntil: new Date(), status: "settled", outcome: "timeout" } });
    const held = await heldBack(prisma(), [heard, failed], new Date());
    expect(held.ready).toBe(2);
    expect([...held.transcripts]).toEqual([[heard.id, "سلام"]]);
  });

  it("asks nothing of the database when no voice note is waiting", async () => {
    const texts = [await message("33600000004", { text: "un" }), await message("33600000004", { text: "deux" })];
    let queries = 0;
    const counting = new Proxy(prisma(), { get: (target, key) => (key === "media" ? (queries++, target.media) : Reflect.get(target, key)) });
    expect((await heldBack(counting, texts, new Date())).ready).toBe(2);
    expect(queries).toBe(0);
  });
});
