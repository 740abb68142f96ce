import { Counter, type Registry } from "prom-client";
import type { InboundMedia } from "../core/inbound.ts";
import type { MediaLimits } from "../core/media.ts";
import { AUDIO_TYPES, baseMime, type Transcriber } from "../engines/transcribe/transcriber.ts";

/**
 * How a voice note ended, counted in /metrics (`migracoop_voice_notes_total{outcome}`):
 * - transcribed: its words reached the conversation;
 * - off: no transcription server (TRANSCRIBE_URL unset);
 * - refused: the person refused the language bridge (privacy/bridge-consent.ts);
 * - unknown_person: a first message from an address nobody answered yet; not_participant: a coordinator's;
 * - no_media_api: its platform has no media API here;
 * - too_large, unsupported_type, download_failed: the platform's file (MEDIA_MAX_BYTES, the types we take);
 * - timeout, failed, unsupported, rate_limited, quota, unauthorized: the transcription server's answer;
 * - gave_up: its turn stopped waiting for the transcription; late: the transcription came after that.
 * In every case but `transcribed` the voice note goes on as before: coordinators are asked to call back.
 */
export type VoiceOutcome = string;

/** Voice notes as the app handles them: counted always, transcribed only with a transcriber. */
export interface VoiceNotes {
  /** Present with TRANSCRIBE_URL; without it voice notes go on as before. */
  transcriber?: Transcriber;
  /** What may be downloaded (MEDIA_MAX_BYTES, the audio types a transcription server reads). */
  limits: MediaLimits;
  /** How long a voice note being transcribed may hold its person's messages back. */
  holdMs: number;
  /** Queues the download and transcription of a stored voice note (job id: its message's id). */
  enqueue(inboundId: string): Promise<void>;
  count(outcome: VoiceOutcome): void;
}

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
