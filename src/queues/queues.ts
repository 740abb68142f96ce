import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Dispatcher } from "../deps.ts";
import type { Address, ChannelName } from "../core/inbound.ts";
import { CHANNELS } from "../core/inbound.ts";
import { openFiresQueue } from "../fires/queue.ts";

export const INBOUND_QUEUE = "inbound";
export { FIRES_QUEUE } from "../fires/queue.ts";
export const BROADCASTS_QUEUE = "broadcasts";
export const outboundQueueName = (channel: ChannelName) => `outbound-${channel}`;

/** Attempts before a retryable send is given up and recorded as failed (about 45 minutes of backoff). */
export const OUTBOUND_ATTEMPTS = 15;
export const INBOUND_ATTEMPTS = 20;

/** Addresses whose messages wait in the inbound log, handled together (app/turn/handle-inbound.ts). */
export interface InboundJob {
  addresses: Address[];
}

/** The addresses of an inbound job; a job queued before batches holds one address, as its data. */
export function addressesOf(job: InboundJob | Address): Address[] {
  return "addresses" in job ? job.addresses : [{ channel: job.channel, externalId: job.externalId }];
}

export interface OutboundJob {
  /** Outbound rows, of one person or of many (a batch's replies): each person's go in this order (outbox/deliver.ts). */
  ids: string[];
}

export interface BroadcastJob {
  broadcastId: string;
  /** "fan-out" claims recipients; "progress" reports to the coordinator until the end. */
  step: "fan-out" | "progress";
  /** Progress checks made so far, and the sent count last reported. */
  round?: number;
  lastSent?: number;
}

export interface Queues {
  inbound: Queue<InboundJob>;
  outbound: Record<ChannelName, Queue<OutboundJob>>;
  fires: Queue;
  broadcasts: Queue<BroadcastJob>;
  close(): Promise<void>;
}

/** Every queue of the service, in one list (the admins' dashboard shows them all). */
export function allQueues(q: Omit<Queues, "close">): Queue[] {
  return [q.inbound, ...Object.values(q.outbound), q.fires, q.broadcasts];
}

/**
 * The queues, all under one prefix: tests give each run its own prefix so parallel runs never share.
 * Completed jobs are removed so a job id (a row id) is free again; failed ones are kept a week for inspection.
 */
export function createQueues(connection: Redis, prefix: string, onError: (err: Error) => void = () => undefined): Queues {
  const defaults = { removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } };
  const inbound = new Queue<InboundJob>(INBOUND_QUEUE, {
    connection,
    prefix,
    // A failed job is removed at once: its id (the address) must be free for the next message.
    defaultJobOptions: { ...defaults, removeOnFail: true, attempts: INBOUND_ATTEMPTS, backoff: { type: "exponential", delay: 500 } },
  });
  const outbound = Object.fromEntries(
    CHANNELS.map((c) => [
      c,
      new Queue<OutboundJob>(outboundQueueName(c), {
        connection,
        prefix,
        defaultJobOptions: { ...defaults, attempts: OUTBOUND_ATTEMPTS, backoff: { type: "send" } },
      }),
    ]),
  ) as Record<ChannelName, Queue<OutboundJob>>;
  const fires = openFiresQueue(connection, prefix);
  const broadcasts = new Queue<BroadcastJob>(BROADCASTS_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: { ...defaults, attempts: 50, backoff: { type: "exponential", delay: 1000 } },
  });
  for (const q of [inbound, fires, broadcasts, ...Object.values(outbound)]) q.on("error", onError);
  return {
    inbound,
    outbound,
    fires,
    broadcasts,
    async close() {
      await Promise.all([inbound.close(), fires.close(), broadcasts.close(), ...Object.values(outbound).map((q) => q.close())]);
    },
  };
}

/** Dispatch through BullMQ; job ids are row ids, so a repeated dispatch of the same rows adds nothing. */
export function queueDispatcher(queues: Queues): Dispatcher {
  return {
    async inbound(wakes) {
      if (wakes.length === 0) return;
      // One job for the messages logged together: its worker handles every waiting message of their addresses.
      const addresses = [...new Map(wakes.map((w) => [`${w.address.channel}:${w.address.externalId}`, w.address])).values()];
      await queues.inbound.add("addresses", { addresses }, { jobId: wakes[0]!.inboundId });
    },
    async outbound(channel, ids) {
      if (ids.length === 0) return;
      await queues.outbound[channel].add("send", { ids }, { jobId: ids[0] });
    },
    async outboundEach(channel, ids) {
      if (ids.length === 0) return;
      await queues.outbound[channel].addBulk(ids.map((id) => ({ name: "send", data: { ids: [id] }, opts: { jobId: id } })));
    },
    async broadcast(broadcastId) {
      await queues.broadcasts.add("fan-out", { broadcastId, step: "fan-out" }, { jobId: `fan-out-${broadcastId}` });
    },
  };
}
