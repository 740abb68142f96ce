import { signWhatsAppBody } from "../../src/channels/whatsapp/signature.ts";
import { FAKE_TOKEN } from "../fakes/telegram-server.ts";
import type { ServiceOptions } from "../../src/service.ts";

export const WA = { token: "EAAtest-token", phoneNumberId: "106540352242922", appSecret: "app-secret-for-tests", verifyToken: "verify-me-please" };
export const TG_SECRET = "tg-secret_123";

let counter = 0;

/**
 * The envelope Meta wraps every webhook change in: our business account, our phone number, and `value`'s
 * own fields (the messages and contacts, or the statuses).
 */
export function waEnvelope<V extends object>(value: V) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550783881", phone_number_id: WA.phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

/** A WhatsApp webhook body for one text (or button reply) from `from`, as Meta sends it. */
export function waTextBody(from: string, text: string, opts: { name?: string; id?: string; buttonId?: string } = {}) {
  counter++;
  const id = opts.id ?? `wamid.TEST${Date.now().toString(36)}${counter}`;
  const message = opts.buttonId
    ? { from, id, timestamp: String(Math.floor(Date.now() / 1000)), type: "interactive", interactive: { type: "button_reply", button_reply: { id: opts.buttonId, title: text } } }
    : { from, id, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: text } };
  return waEnvelope({ contacts: [{ profile: { name: opts.name ?? "Test" }, wa_id: from }], messages: [message] });
}

/** A WhatsApp webhook body reporting the status of one of our messages, with Meta's error when `errorCode` is given. */
export function waStatusBody(wamid: string, recipient: string, status: "sent" | "delivered" | "read" | "failed", errorCode?: number) {
  return waEnvelope({
    statuses: [
      {
        id: wamid,
        status,
        timestamp: String(Math.floor(Date.now() / 1000)),
        recipient_id: recipient,
        ...(errorCode ? { errors: [{ code: errorCode, title: "Re-engagement message", message: "Re-engagement message", error_data: { details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number." } }] } : {}),
      },
    ],
  });
}

/** POSTs a body to our WhatsApp webhook, signed like Meta signs it (or not). */
export async function postWhatsApp(baseUrl: string, body: unknown, sign = true) {
  const raw = Buffer.from(JSON.stringify(body));
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (sign) headers["x-hub-signature-256"] = signWhatsAppBody(raw, WA.appSecret);
  return fetch(`${baseUrl}/webhooks/whatsapp`, { method: "POST", headers, body: raw });
}

/** A Telegram update with a text from a private chat. */
export function tgTextUpdate(chatId: number, text: string, languageCode = "fr", updateId = 900_000 + ++counter) {
  return {
    update_id: updateId,
    message: {
      message_id: counter,
      from: { id: chatId, is_bot: false, first_name: "Test", language_code: languageCode },
      chat: { id: chatId, first_name: "Test", type: "private" },
      date: Math.floor(Date.now() / 1000),
      text,
      ...(text.startsWith("/") ? { entities: [{ offset: 0, length: text.split(" ")[0]!.length, type: "bot_command" }] } : {}),
    },
  };
}

export function tgCallbackUpdate(chatId: number, data: string, updateId = 900_000 + ++counter) {
  return {
    update_id: updateId,
    callback_query: {
      id: `cb${counter}`,
      from: { id: chatId, is_bot: false, first_name: "Test", language_code: "fr" },
      chat_instance: "-1",
      data,
      message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: "private", first_name: "Test" }, text: "…" },
    },
  };
}

export async function postTelegram(baseUrl: string, update: unknown, secret: string | null = TG_SECRET) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (secret) headers["x-telegram-bot-api-secret-token"] = secret;
  return fetch(`${baseUrl}/webhooks/telegram`, { method: "POST", headers, body: JSON.stringify(update) });
}

/** The environment variables that turn the WhatsApp channel on against a fake Graph API at `baseUrl`. */
export function whatsappEnv(baseUrl: string): Record<string, string> {
  return {
    WHATSAPP_ACCESS_TOKEN: WA.token,
    WHATSAPP_PHONE_NUMBER_ID: WA.phoneNumberId,
    WHATSAPP_APP_SECRET: WA.appSecret,
    WHATSAPP_VERIFY_TOKEN: WA.verifyToken,
    WHATSAPP_API_BASE_URL: baseUrl,
  };
}

/** The environment that enables WhatsApp and Telegram (webhook mode) against the fake servers. */
export function platformEnv(wa: { baseUrl: string }, tg: { apiRoot: string }): Record<string, string> {
  return {
    ...whatsappEnv(wa.baseUrl),
    TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    TELEGRAM_API_ROOT: tg.apiRoot,
  };
}

/** The real service with WhatsApp and Telegram enabled against fake platform servers on 127.0.0.1. */
export async function startWithPlatforms(opts: { now?: () => Date; env?: Record<string, string>; engines?: ServiceOptions["engines"] } = {}) {
  const { startFakeWhatsApp } = await import("../fakes/whatsapp-server.ts");
  const { startFakeTelegram } = await import("../fakes/telegram-server.ts");
  const { enabledChannels } = await import("../../src/channels/enabled.ts");
  const { loadConfig } = await import("../../src/config/config.ts");
  const { startTestService } = await import("./service.ts");
  const wa = await startFakeWhatsApp({ token: WA.token, phoneNumberId: WA.phoneNumberId });
  const tg = await startFakeTelegram();
  const env = { ...platformEnv(wa, tg), ...opts.env };
  const svc = await startTestService({ env, channels: enabledChannels(loadConfig(env)), now: opts.now, engines: opts.engines });
  return {
    wa,
    tg,
    svc,
    async stop() {
      await svc.stop();
      await wa.close();
      await tg.close();
    },
  };
}
