import type { ChannelName } from "../core/inbound.ts";
import { MediaError } from "../core/media.ts";
import type { AppDeps } from "../deps.ts";
import { TranscribeError } from "../engines/transcribe/errors.ts";
import { bridgeAllowed } from "../privacy/bridge-consent.ts";
import type { VoiceOutcome } from "../deps.ts";

/** A name for the upload: servers read the format from its extension (engines/transcribe adds it). */
const UPLOAD_NAME = "voice-note";

/**
 * The transcription job of one voice note, outside any turn: downloads it through its platform's media
 * API (size and type limits), keeps the audio on its Media row, asks the transcription server for its
 * words (unless the person refused the language bridge), settles the row, and wakes the person's turn,
 * which then reads the words as the message's text. Every failure settles the row without words: the
 * turn goes on as before (coordinators are asked to call back). Returns the outcome.
 */
export async function transcribeVoiceNote(deps: AppDeps, inboundId: string): Promise<VoiceOutcome | undefined> {
  const voice = deps.voice;
  const media = await deps.prisma.media.findUnique({ where: { inboundId }, include: { inbound: { select: { channel: true, externalId: true } } } });
  if (!voice || !media || media.status === "settled") return undefined;
  const address = { channel: media.inbound.channel as ChannelName, externalId: media.inbound.externalId };

  const settle = async (outcome: VoiceOutcome, data: { content?: Uint8Array; mimeType?: string; transcript?: string; language?: string } = {}) => {
    const late = (await deps.prisma.inboundMessage.findUnique({ where: { id: inboundId }, select: { status: true } }))?.status !== "received";
    await deps.prisma.media.updateMany({
      where: { inboundId, status: "pending" },
      data: {
        status: "settled",
        outcome,
        settledAt: deps.now(),
        ...(data.content ? { content: Buffer.from(data.content), sizeBytes: data.content.byteLength } : {}),
        ...(data.mimeType ? { mimeType: data.mimeType } : {}),
        ...(data.transcript !== undefined ? { transcript: data.transcript } : {}),
        ...(data.language ? { language: data.language } : {}),
      },
    });
    voice.count(late ? "late" : outcome);
    // A wake-up of its own: the message's first job (its id) may still be running, having found the note held.
    if (!late) await deps.dispatcher.inbound([{ address, inboundId: `heard-${inboundId}` }]);
    return outcome;
  };

  const identity = await deps.prisma.identity.findUnique({ where: { channel_externalId: address }, select: { person: { select: { id: true, locale: true, erasedAt: true, role: true } } } });
  const person = identity?.person;
  if (!person || person.erasedAt) return settle("unknown_person");
  // Only participants' words are read (coordinators answer in writing): nobody else's audio leaves.
  if (person.role !== "participant") return settle("not_participant");
  const source = deps.channels[address.channel]?.media;
  if (!source || !voice.transcriber) return settle("no_media_api");

  let file;
  try {
    file = await source.download(media.platformId, voice.limits, media.mimeType ? { mimeType: media.mimeType } : {});
  } catch (err) {
    if (!(err instanceof MediaError)) throw err;
    deps.log.info({ err: err.message, inboundId }, "voice note not downloaded");
    return settle(err.failure);
  }
  // The audio is kept for the coordinators either way; its words go to the server only with the person's consent.
  if (!(await bridgeAllowed(deps.prisma, person.id))) return settle("refused", file);
  try {
    const heard = await voice.transcriber.transcribe(file.content, { mime: file.mimeType, filename: UPLOAD_NAME, ...(person.locale ? { language: person.locale } : {}) });
    if (heard.text === "") return settle("empty", file);
    return settle("transcribed", { ...file, transcript: heard.text, language: heard.language ?? person.locale ?? undefined });
  } catch (err) {
    if (!(err instanceof TranscribeError)) throw err;
    deps.log.info({ err: err.message, inboundId }, "voice note not transcribed");
    return settle(err.failure, file);
  }
}
