import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { AppDeps } from "../deps.ts";
import { transcribeVoiceNote } from "./transcribe-note.ts";

export const VOICE_QUEUE = "voice";

export interface VoiceJob {
  inboundId: string;
}

/**
 * The `voice` queue: one job per voice note, named by its message's id (a redelivered webhook adds
 * nothing). A job that fails for a reason of ours (the database down) is retried a few times; the
 * turn stops waiting for it at the note's `holdUntil` anyway.
 */
export function openVoiceQueue(connection: Redis, prefix: string): Queue<VoiceJob> {
  return new Queue<VoiceJob>(VOICE_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: { removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 }, attempts: 3, backoff: { type: "exponential", delay: 1000 } },
  });
}

export async function enqueueVoiceNote(queue: Queue<VoiceJob>, inboundId: string): Promise<void> {
  await queue.add("transcribe", { inboundId }, { jobId: inboundId });
}

/** Transcriptions run beside the turns, a few at a time: a transcription server is slow and often has one CPU. */
export function startVoiceWorker(deps: AppDeps, connection: Redis, prefix: string, concurrency = 2): Worker<VoiceJob> {
  const worker = new Worker<VoiceJob>(VOICE_QUEUE, async (job) => void (await transcribeVoiceNote(deps, job.data.inboundId)), { connection, prefix, concurrency });
  worker.on("error", (err) => deps.log.error({ err, queue: VOICE_QUEUE }, "worker error"));
  return worker;
}
