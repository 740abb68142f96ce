import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Config } from "../config/config.ts";
import { MEDIA_DOWNLOAD_TIMEOUT_MS } from "../core/media.ts";
import type { Metrics } from "../core/metrics.ts";
import type { Transcriber } from "../engines/transcribe/transcriber.ts";
import { enqueueVoiceNote, openVoiceQueue, type VoiceJob } from "./queue.ts";
import type { VoiceNotes } from "../deps.ts";
import { holdMsFor, mediaLimits, voiceCounter } from "./voice-notes.ts";

/**
 * Voice notes as the configuration has them: always counted in /metrics; with TRANSCRIBE_URL, a
 * transcriber (its requests observed like the translators') and the `voice` queue its jobs go to.
 */
export function buildVoiceNotes(
  config: Config,
  ctx: { metrics: Metrics; redis: Redis; transcriber: Transcriber | undefined },
): { notes: VoiceNotes; queue?: Queue<VoiceJob> } {
  const count = voiceCounter(ctx.metrics.registry);
  const limits = mediaLimits(config.engines.mediaMaxBytes);
  const t = config.engines.transcribe;
  const transcriber = t ? ctx.transcriber : undefined;
  if (!t || !transcriber) return { notes: { limits, holdMs: 0, enqueue: async () => undefined, count } };
  const queue = openVoiceQueue(ctx.redis, config.redis.prefix);
  return {
    notes: { transcriber, limits, holdMs: holdMsFor(MEDIA_DOWNLOAD_TIMEOUT_MS, t.timeoutMs), enqueue: (id) => enqueueVoiceNote(queue, id), count },
    queue,
  };
}
