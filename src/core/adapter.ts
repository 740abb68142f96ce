import type { SendError } from "./errors.ts";
import type { Address, ChannelName } from "./inbound.ts";
import type { Intent } from "./intent.ts";

export interface SendResult {
  /** The platform's id of the message sent (wamid, Telegram message_id), used to match status updates and replies. */
  platformMessageId: string;
}

export interface SendOptions {
  /**
   * An intent can go as several platform messages (a text over 4,096 characters, a text then a
   * document): the parts before this one were accepted by an earlier attempt and are not sent again.
   */
  fromPart?: number;
}

/**
 * A channel adapter translates between a platform and our neutral model. It is small on purpose:
 * it sends; parsing webhooks, routes and a platform's rules live beside it in the channel's folder, and
 * the whole platform is a `Channel` (channel.ts).
 * Failures are thrown as `SendError`, classified once by the adapter.
 */
export interface ChannelAdapter {
  readonly channel: ChannelName;
  /** Sends the intent's parts from `opts.fromPart`; a failure after some parts says how many went (`SendError.partsSent`). */
  send(address: Address, intent: Intent, opts?: SendOptions): Promise<SendResult>;
}

/**
 * Sends the parts of a several-part message from `fromPart` on, in order, and returns the last one's
 * result. A failure is classified and says how many parts went before it (a retry sends the rest).
 */
export async function sendParts<P, R>(parts: readonly P[], opts: SendOptions, send: (part: P) => Promise<R>, classify: (err: unknown) => SendError): Promise<R | undefined> {
  let last: R | undefined;
  for (let part = Math.min(opts.fromPart ?? 0, parts.length - 1); part < parts.length; part++) {
    try {
      last = await send(parts[part]!);
    } catch (err) {
      throw classify(err).afterParts(part);
    }
  }
  return last;
}
