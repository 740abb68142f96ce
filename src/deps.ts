import type { i18n as I18n } from "i18next";
import type { Channel } from "./core/channel.ts";
import type { Address, ChannelName, InboundMessage } from "./core/inbound.ts";
import type { Locale } from "./core/locales.ts";
import type { Logger } from "./core/logger.ts";
import type { PrismaClient } from "./db/generated/client.ts";
import type { Reader } from "./engine/reader.ts";
import type { FireTimer } from "./fires/timer.ts";
import type { MessageTranslator } from "./engines/translate/message-translator.ts";
import type { MediaLimits } from "./core/media.ts";
import type { Transcriber } from "./engines/transcribe/transcriber.ts";

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

/**
 * How work leaves the app: in production, BullMQ queues (queues/); in the terminal demo and in
 * some tests, straight calls. Either way the app commits first and dispatches after.
 */
export interface Dispatcher {
  /**
   * New messages are waiting in the inbound log: their addresses are woken together (one job for
   * them all; its id is the first message's, so waking the same messages again adds nothing).
   */
  inbound(wakes: readonly InboundWake[]): Promise<void>;
  /** These outbound rows are ready to send, each person's in this order (one person's replies, or a whole batch's). */
  outbound(channel: ChannelName, ids: string[]): Promise<void>;
  /** These outbound rows (different people) are ready to send, each on its own. */
  outboundEach(channel: ChannelName, ids: string[]): Promise<void>;
  /** A confirmed broadcast is ready to fan out. */
  broadcast(broadcastId: string): Promise<void>;
}

/** Logs an inbound message once and wakes its address (app/inbound/inbound-log.ts gathers concurrent webhooks into one statement). */
export interface InboundLog {
  /** The new row's id, or null for a message logged before. */
  record(message: InboundMessage): Promise<string | null>;
}

/** A message logged, and the address whose turn it waits for. */
export interface InboundWake {
  address: Address;
  inboundId: string;
}

/** How fast one address may write before the bot stops answering (app/turn/flood.ts). */
export interface FloodLimits {
  /** Messages in the last 60 seconds above which the bot stops answering (FLOOD_MAX_PER_MINUTE). */
  perMinute: number;
  /** A flood still going on after this long is told to the coordinators, once. */
  alertAfterMs: number;
}

export interface AppDeps {
  prisma: PrismaClient;
  i18n: I18n;
  /** The command words and the understanding model. */
  reader: Reader;
  defaultLocale: Locale;
  defaultTimezone: string;
  /** The platforms this process sends on, each whole: adapter and rules (src/core/channel.ts). */
  channels: Partial<Record<ChannelName, Channel>>;
  dispatcher: Dispatcher;
  log: Logger;
  now: () => Date;
  /** Arms scheduled fires right after a commit; without it (demo, admin) the reconciler arms them within minutes. */
  fires?: FireTimer;
  /** How fast one address may write before the bot stops answering (app/flood.ts); defaults when absent. */
  flood?: FloodLimits;
  /**
   * Machine translation of relayed messages (engines/), present only when TRANSLATE_PROVIDERS names a
   * provider: without it every message goes as written, as before.
   */
  translate?: MessageTranslator;
  /** Gathers the messages of concurrent webhooks into one insert and one job (the service); absent: each message on its own. */
  inboundLog?: InboundLog;
  /** Voice notes: counted, and transcribed when TRANSCRIBE_URL is set (voice/); absent: they go as before. */
  voice?: VoiceNotes;
  /** The web console's public base URL, for sign-in links; absent: the console is off. */
  console?: { publicUrl: string };
}
