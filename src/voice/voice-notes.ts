import { Counter, type Registry } from "prom-client";
import type { InboundMedia } from "../core/inbound.ts";
import type { MediaLimits } from "../core/media.ts";
import type { VoiceOutcome } from "../deps.ts";
import { AUDIO_TYPES, baseMime } from "../engines/transcribe/transcriber.ts";

/** A voice note or an audio file: what a transcription can turn into words. */
export function isVoiceNote(media: Pick<InboundMedia, "type"> | { type?: unknown } | null | undefined): boolean {
  return media?.type === "voice" || media?.type === "audio";
}

/** The types we download: those the transcription servers read (engines/transcribe/transcriber.ts), video excepted. */
export function mediaLimits(maxBytes: number): MediaLimits {
  return { maxBytes, accepts: (mimeType) => !baseMime(mimeType).startsWith("video/") && AUDIO_TYPES[baseMime(mimeType)] !== undefined };
}

/** Margin beyond the download and transcription deadlines before a turn stops waiting for a voice note. */
const HOLD_MARGIN_MS = 15_000;

/** The longest a voice note may hold its person's later messages: its download, its transcription, and a margin for the queue. */
export function holdMsFor(downloadTimeoutMs: number, transcribeTimeoutMs: number): number {
  return downloadTimeoutMs + transcribeTimeoutMs + HOLD_MARGIN_MS;
}

export function voiceCounter(registry: Registry): (outcome: VoiceOutcome) => void {
  const counter = new Counter({
    name: "migracoop_voice_notes_total",
    help: "Voice notes by outcome: transcribed, or why not (off, refused, too_large, unsupported_type, download_failed, timeout, failed, gave_up…)",
    labelNames: ["outcome"],
    registers: [registry],
  });
  return (outcome) => counter.inc({ outcome });
}
