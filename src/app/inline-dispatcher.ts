import { fanOutBroadcast } from "../broadcast/fan-out.ts";
import { deliverOutbound } from "../outbox/deliver.ts";
import type { AppDeps, Dispatcher } from "../deps.ts";
import { handleInboundBatch } from "./turn/handle-inbound.ts";

/**
 * Runs dispatched work at once, in this process, without queues: for the terminal demo, where no Redis
 * is needed. The same app functions run as in production; only the timer and the retries differ
 * (a retryable failure is recorded on the row and left queued).
 */
export function inlineDispatcher(getDeps: () => AppDeps): Dispatcher {
  return {
    async inbound(wakes) {
      await handleInboundBatch(getDeps(), wakes.map((w) => w.address));
    },
    async outbound(_channel, ids) {
      for (const id of ids) {
        await deliverOutbound(getDeps(), id).catch((err: unknown) => getDeps().log.warn({ err, id }, "send will not be retried in-process"));
      }
    },
    async outboundEach(channel, ids) {
      await this.outbound(channel, ids);
    },
    async broadcast(id) {
      await fanOutBroadcast(getDeps(), id);
    },
  };
}
