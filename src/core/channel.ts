import type { FastifyInstance } from "fastify";
import type { i18n as I18n } from "i18next";
import type { ChannelAdapter } from "./adapter.ts";
import type { ChannelName, DeliveryStatus, InboundMessage } from "./inbound.ts";
import type { Intent, TemplateIntent } from "./intent.ts";
import type { Locale } from "./locales.ts";
import type { Logger } from "./logger.ts";
import type { MediaSource } from "./media.ts";
import type { Metrics } from "./metrics.ts";

/** A message about to go, as the outbox has it: what rules may turn it into another form. */
export interface OutgoingRow {
  /** The kind of message (reply, reminder, announcement, check_in…). */
  purpose: string;
  /** The intent, with the parameters a sender stored for a template (`template.params`). */
  intent: Intent & { template?: { params: string[] } };
  /** The person's language (their template's language). */
  locale: Locale;
}

/**
 * A platform's rules on what may reach a person when (WhatsApp's 24-hour window and its approved
 * templates). A platform without such rules (Telegram) has none: every message goes as it is.
 */
export interface OutboundRules {
  /** True when only an approved template can reach this address now. */
  windowClosed(lastInboundAt: Date | null, now: Date): boolean;
  /** The form of the message that may go when the window is closed, or undefined when its kind has none. */
  outsideWindow(row: OutgoingRow, i18n: I18n): TemplateIntent | undefined;
  /** True when a delivery failed because the window had closed meanwhile: the message should go again, in its outside-window form. */
  closedOnDelivery(status: DeliveryStatus): boolean;
}

/** What the service hands a channel's routes: the app's entry points, never the app itself. */
export interface ChannelHost {
  /** Records what a platform sent (atomic insert, deduplicated) and wakes the workers; throws when it could not. */
  ingest(batch: { messages?: InboundMessage[]; statuses?: DeliveryStatus[] }): Promise<unknown>;
  /** The person at this address blocked the bot (reason: e.g. "telegram.blocked"), or unblocked it. */
  reachability(externalId: string, reachable: boolean, reason: string): Promise<void>;
  log: Logger;
  metrics: Metrics;
  /** Redis, for what must run in one process at a time (Telegram long polling). */
  redis: { url: string; prefix: string };
}

/**
 * A whole platform: its adapter (sending), its rules (if any), and its webhook routes or polling
 * (web processes). Built from the configuration by src/channels/enabled.ts.
 */
export interface Channel {
  readonly name: ChannelName;
  readonly adapter: ChannelAdapter;
  readonly rules?: OutboundRules;
  /** The platform's media API (voice notes to transcribe); absent: media are never downloaded. */
  readonly media?: MediaSource;
  /** Registers webhooks (or starts polling, stopped when the server closes). */
  routes?(app: FastifyInstance, host: ChannelHost): void;
}

/** A channel that only sends (the terminal console, a test's platform): no rules, no routes. */
export function sendOnly(adapter: ChannelAdapter): Channel {
  return { name: adapter.channel, adapter };
}
