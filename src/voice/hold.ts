import type { InboundMessage } from "../core/inbound.ts";
import type { Tx } from "../db/tx.ts";
import type { VoiceNotes } from "../deps.ts";
import { isVoiceNote } from "./voice-notes.ts";

/**
 * At the webhook, before a message is logged: when a voice note's turn may stop waiting for its
 * transcription, or undefined when there is none to wait for (not a voice note, no transcriber).
 * The message is then logged with a pending Media row, in one statement (app/inbound/record-inbound.ts).
 */
export function holdUntilFor(deps: { voice?: VoiceNotes; now: () => Date }, msg: InboundMessage): Date | undefined {
  if (!deps.voice?.transcriber || !isVoiceNote(msg.media)) return undefined;
  return new Date(deps.now().getTime() + deps.voice.holdMs);
}

/**
 * Right after a message is logged: a held voice note's transcription job is queued; one without a
 * transcriber is counted as `off` and goes on as before.
 */
export async function afterVoiceNoteLogged(deps: { voice?: VoiceNotes }, inboundId: string, msg: InboundMessage, held: Date | undefined): Promise<void> {
  if (!deps.voice || !isVoiceNote(msg.media)) return;
  if (held) await deps.voice.enqueue(inboundId);
  else deps.voice.count("off");
}

/** What a turn knows of the voice notes among its waiting messages. */
export interface HeldBack {
  /** How many of the waiting messages (oldest first) may be handled now: those before the first voice note still being transcribed. */
  ready: number;
  /** The words of each transcribed voice note, by message id. */
  transcripts: Map<string, string>;
}

/**
 * For a turn: the waiting messages stop at the first voice note still being transcribed (so the
 * person's messages keep their order), unless it has waited past its `holdUntil`; transcripts of the
 * others are given with them. One query, and only when a voice note is among the messages.
 */
export async function heldBack(
  tx: Tx,
  waiting: readonly { id: string; payload: unknown }[],
  now: Date,
  onGiveUp: () => void = () => undefined,
): Promise<HeldBack> {
  const voiceIds = waiting.filter((m) => isVoiceNote((m.payload as { media?: { type?: unknown } } | null)?.media)).map((m) => m.id);
  const transcripts = new Map<string, string>();
  if (voiceIds.length === 0) return { ready: waiting.length, transcripts };
  const rows = await tx.media.findMany({ where: { inboundId: { in: voiceIds } }, select: { inboundId: true, status: true, transcript: true, holdUntil: true } });
  const byId = new Map(rows.map((r) => [r.inboundId, r]));
  for (let i = 0; i < waiting.length; i++) {
    const media = byId.get(waiting[i]!.id);
    if (!media) continue;
    if (media.status === "pending") {
      if (media.holdUntil > now) return { ready: i, transcripts };
      onGiveUp();
      continue;
    }
    if (media.transcript) transcripts.set(media.inboundId, media.transcript);
  }
  return { ready: waiting.length, transcripts };
}
