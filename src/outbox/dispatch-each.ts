import type { ChannelName } from "../core/inbound.ts";
import type { Dispatcher } from "../deps.ts";

/**
 * Dispatches outbound rows of different people, each on its own (grouped per channel, one call each),
 * so one slow address holds no one else up: broadcasts, reminders, rows found stranded.
 */
export async function dispatchEach(deps: { dispatcher: Dispatcher }, rows: readonly { id: string; channel: ChannelName }[]): Promise<void> {
  const byChannel = new Map<ChannelName, string[]>();
  for (const r of rows) byChannel.set(r.channel, [...(byChannel.get(r.channel) ?? []), r.id]);
  await Promise.all([...byChannel].map(([channel, ids]) => deps.dispatcher.outboundEach(channel, ids)));
}
