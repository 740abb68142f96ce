import { sendButtonsMessage, sendListMessage, sendTemplateMessage, sendTextMessage } from "@whatsapp-cloudapi/client";
import type { Config } from "../../config/config.ts";
import { sendParts, type ChannelAdapter } from "../../core/adapter.ts";
import { SendError } from "../../core/errors.ts";
import { classifyWhatsAppError } from "./errors.ts";
import { normalizeBaseUrl, sendDocumentMessage, uploadMedia, withTimeout, type GraphTarget } from "./graph.ts";
import { renderWhatsApp, type WhatsAppMessage } from "./render.ts";

/** What the adapter needs: credentials and where the Graph API is (the send rate is the queue's business). */
export type WhatsAppConfig = Omit<NonNullable<Config["whatsapp"]>, "messagesPerSecond">;

/** Long enough for a slow Graph answer, short enough that a stuck request does not hold a worker. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * The WhatsApp Cloud API adapter: renders an intent (render.ts), sends each resulting message with
 * `@whatsapp-cloudapi/client` (our own requests for documents), and throws failures as classified
 * `SendError`s (errors.ts). A text split into several messages returns the last one's wamid; a failure
 * halfway says how many parts went, and the retry starts from the next (`fromPart`).
 *
 * The client library fixes the Graph API version (GRAPH_API_VERSION) and takes no AbortSignal:
 * the timeout stops waiting rather than cancelling the request.
 *
 * @example whatsappAdapter(config.whatsapp, { timeoutMs: 10_000 }).send({ channel: "whatsapp", externalId: "33612345678" }, { type: "text", text: "Bonjour" })
 */
export function whatsappAdapter(cfg: WhatsAppConfig, opts: { timeoutMs?: number } = {}): ChannelAdapter {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const baseUrl = normalizeBaseUrl(cfg.baseUrl);
  const common = { accessToken: cfg.accessToken, from: cfg.phoneNumberId, baseUrl };
  const graph: GraphTarget = { baseUrl, accessToken: cfg.accessToken, phoneNumberId: cfg.phoneNumberId, timeoutMs };

  async function sendOne(to: string, m: WhatsAppMessage): Promise<unknown> {
    switch (m.type) {
      case "text":
        return withTimeout(sendTextMessage({ ...common, to, text: m.text }), timeoutMs);
      case "buttons":
        return withTimeout(sendButtonsMessage({ ...common, to, bodyText: m.bodyText, buttons: m.buttons }), timeoutMs);
      case "list":
        return withTimeout(
          sendListMessage({ ...common, to, bodyText: m.bodyText, buttonText: m.buttonText, sections: [{ rows: m.rows }] }),
          timeoutMs,
        );
      case "template":
        return withTimeout(
          sendTemplateMessage({ ...common, to, templateName: m.name, languageCode: m.languageCode, components: m.components }),
          timeoutMs,
        );
      case "document": {
        const content = Buffer.from(m.contentBase64, "base64");
        const mediaId = await uploadMedia(graph, { filename: m.filename, mimeType: m.mimeType, content });
        return sendDocumentMessage(graph, to, { mediaId, filename: m.filename, caption: m.caption });
      }
    }
  }

  return {
    channel: "whatsapp",
    async send(address, intent, opts = {}) {
      const messages = renderWhatsApp(intent);
      if (messages.length === 0) throw new SendError("permanent", "whatsapp.empty_message", `nothing to send for a ${intent.type} intent`);
      const wamid = await sendParts(messages, opts, async (m) => wamidOf(await sendOne(address.externalId, m)), classifyWhatsAppError);
      return { platformMessageId: wamid! };
    },
  };
}

/**
 * The message id in a send's answer. Without one the message may well have gone out, so this is
 * permanent rather than retried: a retry could send it twice.
 */
function wamidOf(response: unknown): string {
  const id = (response as { messages?: { id?: unknown }[] } | null)?.messages?.[0]?.id;
  if (typeof id !== "string" || id === "") {
    throw new SendError("permanent", "whatsapp.no_message_id", `send answered without a message id: ${JSON.stringify(response)?.slice(0, 200)}`);
  }
  return id;
}
