import type { Channel } from "../../core/channel.ts";
import { whatsappAdapter, type WhatsAppConfig } from "./adapter.ts";
import { whatsappMedia } from "./media.ts";
import { registerWhatsAppRoutes } from "./routes.ts";
import { whatsappRules } from "./window.ts";

/** WhatsApp whole: the Cloud API adapter, the 24-hour window and its templates, the media API, the webhook. */
export function whatsappChannel(config: WhatsAppConfig, opts: { timeoutMs?: number } = {}): Channel {
  return {
    name: "whatsapp",
    adapter: whatsappAdapter(config, opts),
    rules: whatsappRules,
    media: whatsappMedia({ baseUrl: config.baseUrl, accessToken: config.accessToken, phoneNumberId: config.phoneNumberId }),
    routes(app, host) {
      registerWhatsAppRoutes(app, { config, ingest: (batch) => host.ingest(batch), log: host.log.child({ channel: "whatsapp" }), metrics: host.metrics });
    },
  };
}
