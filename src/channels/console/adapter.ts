import { randomUUID } from "node:crypto";
import type { Writable } from "node:stream";
import type { ChannelAdapter } from "../../core/adapter.ts";
import type { InboundMessage } from "../../core/inbound.ts";
import type { Intent } from "../../core/intent.ts";
import { numberedText } from "../numbered-text.ts";

/**
 * The terminal: a line typed is a message; the bot's messages are printed, choices as numbers.
 * `labelFor` names the recipient when the terminal plays several people (the demo's coordinator).
 */
export function consoleAdapter(out: Writable, labelFor: (externalId: string) => string | undefined = () => undefined): ChannelAdapter {
  return {
    channel: "console",
    async send(address, intent) {
      const label = labelFor(address.externalId);
      out.write(`\n🤖${label ? ` → ${label}` : ""} ${renderConsole(intent).replace(/\n/g, "\n   ")}\n`);
      return { platformMessageId: randomUUID() };
    },
  };
}

export function renderConsole(intent: Intent): string {
  switch (intent.type) {
    case "text":
      return intent.text;
    case "choices":
      return numberedText(intent);
    case "template":
      return intent.buttons?.length ? numberedText({ type: "choices", text: intent.text, choices: intent.buttons }) : intent.text;
    case "document":
      return `📄 ${intent.filename}${intent.caption ? ` — ${intent.caption}` : ""}`;
  }
}

/** One typed line as an inbound message from the console user. */
export function parseConsoleLine(line: string, externalId: string, now: Date): InboundMessage {
  return { channel: "console", externalId, platformMessageId: randomUUID(), sentAt: now, kind: "text", text: line };
}
