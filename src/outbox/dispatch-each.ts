import type { ChannelName } from "../core/inbound.ts";
import type { Dispatcher } from "../deps.ts";

function byChannel(rows: readonly { id: string; channel: ChannelName }[]): Map<ChannelName, string[]> {
  const out = new Map<ChannelName, string[]>();
  for (const r of rows) {
    const ids = out.get(r.channel);
    if (ids) ids.push(r.id);
    else out.set(r.channel, [r.id]);
  }
  return out;
}

/**
 * Dispatches outbound rows of different people, each on its own (grouped per channel, one call each),
 * so one slow address holds no one else up: reminders, rows found stranded.
 */
export async function dispatchEach(deps: { dispatcher: Dispatcher }, rows: readonly { id: string; channel: ChannelName }[]): Promise<void> {
  await Promise.all([...byChannel(rows)].map(([channel, ids]) => deps.dispatcher.outboundEach(channel, ids)));
}

/**
 * Dispatches a batch of outbound rows, one person's each (a broadcast's), as one job per channel. The job
 * sends them set-based, in waves (outbox/deliver.ts): one claim and one "sent" statement per wave and
 * one booking of the platform's pace, instead of a job, two statements and a Redis call per message;
 * one address that must wait or fails holds no one else of the job up.
 */
export async function dispatchTogether(deps: { dispatcher: Dispatcher }, rows: readonly { id: string; channel: ChannelName }[]): Promise<void> {
  await Promise.all([...byChannel(rows)].map(([channel, ids]) => deps.dispatcher.outbound(channel, ids)));
}
