import type { ChannelName } from "./inbound.ts";

/** Outbound rows made for one channel, in order, to hand to the queues once their transaction has committed. */
export interface OutboundBatch {
  channel: ChannelName;
  ids: string[];
}
