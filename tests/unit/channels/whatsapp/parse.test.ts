import { describe, expect, it } from "vitest";
import { parseWhatsAppWebhook } from "../../../../src/channels/whatsapp/parse.ts";
import { webhookSchema } from "../../../../src/channels/whatsapp/webhook-schema.ts";
import { fixture, fixtureNames } from "./support.ts";

const PHONE_ID = "106540352242922";
const parse = (name: string) => parseWhatsAppWebhook(fixture(name), { phoneNumberId: PHONE_ID });
const one = (name: string) => {
  const { messages } = parse(name);
  expect(messages).toHaveLength(1);
  return messages[0]!;
};

describe("parseWhatsAppWebhook: every recorded payload", () => {
  it.each(fixtureNames())("%s is a valid webhook", (name) => {
    expect(webhookSchema.safeParse(fixture(name)).success).toBe(true);
  });
});

describe("parseWhatsAppWebhook: messages", () => {
  it("text with accents and emoji", () => {
    expect(one("text-accents-emoji.json")).toEqual({
      channel: "whatsapp",
      externalId: "33612345678",
      platformMessageId: "wamid.HBgLMzM2MTIzNDU2NzgVAgASGBQzQTg4QjU2RDM0QkUxNkE0RkVBOAA=",
      sentAt: new Date(1717680000 * 1000),
      kind: "text",
      text: "Bonjour ! J'ai vendu 3 plats à 12€ 🍲 — très contente 😊",
      displayName: "Amina Diallo",
    });
  });

  it("Arabic text keeps its characters and the Arabic profile name", () => {
    const m = one("text-arabic.json");
    expect(m).toMatchObject({ kind: "text", externalId: "33698765432", displayName: "فاطمة" });
    expect(m.text).toBe("مرحبا، بعت ٣ أطباق بـ ١٢ يورو 🙏");
  });

  it("button reply with our payload → choice, replying to our message", () => {
    expect(one("button-reply.json")).toMatchObject({
      kind: "choice",
      choiceId: "rsvp:yes",
      replyToPlatformId: "wamid.HBgLMzM2MTIzNDU2NzgVAgARGBI1QjM0RkM1QjA3NUI4QTNFRTIA",
    });
  });

  it("list reply with our payload → choice", () => {
    expect(one("list-reply.json")).toMatchObject({ kind: "choice", choiceId: "menu:sessions" });
  });

  it("template quick reply → choice from the payload", () => {
    expect(one("template-button.json")).toMatchObject({ kind: "choice", choiceId: "rsvp:no", externalId: "33756781234", displayName: "Yonas Tesfay" });
  });

  it("a payload without our prefix becomes the button's title as text", () => {
    const body = fixture("button-reply.json") as any;
    body.entry[0].changes[0].value.messages[0].interactive.button_reply.id = "legacy-yes";
    const { messages } = parseWhatsAppWebhook(body);
    expect(messages[0]).toMatchObject({ kind: "text", text: "Je viens" });
    expect(messages[0]!.choiceId).toBeUndefined();

    const tpl = fixture("template-button.json") as any;
    tpl.entry[0].changes[0].value.messages[0].button.payload = "I can't come";
    expect(parseWhatsAppWebhook(tpl).messages[0]).toMatchObject({ kind: "text", text: "I can't come" });
  });

  it.each([
    ["voice.json", { type: "voice", id: "1137469884548127", mimeType: "audio/ogg; codecs=opus" }],
    ["audio.json", { type: "audio", id: "2047153599088912", mimeType: "audio/mpeg" }],
    ["image.json", { type: "image", id: "889054213386702", mimeType: "image/jpeg", caption: "Mon stand au marché 📸" }],
    ["document.json", { type: "document", id: "1554102388724631", mimeType: "application/pdf", caption: "Facture traiteur" }],
  ])("%s → media", (name, media) => {
    expect(one(name)).toMatchObject({ kind: "media", media });
    expect(one(name).media).toEqual(media);
  });

  it.each([
    ["location.json", "location"],
    ["reaction.json", "reaction"],
    ["unsupported.json", "unsupported"],
  ])("%s → unsupported", (name, type) => {
    expect(one(name)).toMatchObject({ kind: "unsupported", unsupportedType: type });
  });

  it.each([
    ["video.json", { kind: "media", media: { type: "video", id: "1289873405311024", mimeType: "video/mp4", caption: "La cuisine ce matin" } }],
    ["sticker.json", { kind: "media", media: { type: "sticker", id: "987246522871133", mimeType: "image/webp" } }],
    ["contacts.json", { kind: "unsupported", unsupportedType: "contacts" }],
    ["order.json", { kind: "unsupported", unsupportedType: "order" }],
    ["request-welcome.json", { kind: "unsupported", unsupportedType: "request_welcome" }],
    ["interactive-nfm-reply.json", { kind: "unsupported", unsupportedType: "interactive.nfm_reply" }],
    ["system-number-changed.json", { kind: "unsupported", unsupportedType: "system", changedNumberTo: "33699887766" }],
    ["unsupported.json", { kind: "unsupported", unsupportedType: "unsupported", unreadable: { code: "whatsapp.131051", title: "Message type unknown" } }],
    ["image-without-object-131000.json", { kind: "unsupported", unsupportedType: "image", unreadable: { code: "whatsapp.131000", title: "Something went wrong" } }],
    ["interactive-without-reply.json", { kind: "unsupported", unsupportedType: "interactive", unreadable: { code: "whatsapp.malformed" } }],
  ])("%s", (name, expected) => {
    expect(one(name)).toMatchObject({ externalId: "33612345678", displayName: "Amina Diallo", ...expected });
  });

  it("errors on a whole change are reported, with no message to answer", () => {
    expect(parse("value-errors.json")).toEqual({ messages: [], statuses: [], problems: { errors: [{ code: 131051, title: "Message type unknown" }], dropped: 0 } });
  });

  it("a message type Meta invents tomorrow still parses, as unsupported", () => {
    const body = fixture("location.json") as any;
    body.entry[0].changes[0].value.messages[0] = { from: "33612345678", id: "wamid.X", timestamp: "1717680000", type: "hologram", hologram: { id: "1" } };
    expect(parseWhatsAppWebhook(body).messages[0]).toMatchObject({ kind: "unsupported", unsupportedType: "hologram" });
  });

  it("a batch with two messages from two people", () => {
    const { messages } = parse("batch-two-messages.json");
    expect(messages.map((m) => [m.externalId, m.text, m.displayName])).toEqual([
      ["33612345678", "vendu 3 plats à 12€", "Amina Diallo"],
      ["33756781234", "menu", "Yonas Tesfay"],
    ]);
  });

  it("skips changes for another phone number of the same app", () => {
    expect(parseWhatsAppWebhook(fixture("batch-two-messages.json"), { phoneNumberId: "999" }).messages).toEqual([]);
  });

  it("falls back to the business-scoped user id when the phone number is withheld", () => {
    const body = fixture("text-accents-emoji.json") as any;
    const value = body.entry[0].changes[0].value;
    delete value.messages[0].from;
    value.messages[0].from_user_id = "FR.1502576394655843";
    value.contacts = [{ profile: { name: "Amina" }, user_id: "FR.1502576394655843" }];
    expect(parseWhatsAppWebhook(body).messages[0]).toMatchObject({ externalId: "FR.1502576394655843", displayName: "Amina" });
  });
});

describe("parseWhatsAppWebhook: statuses", () => {
  const wamid = "wamid.HBgLMzM2MTIzNDU2NzgVAgARGBI1QjM0RkM1QjA3NUI4QTNFRTIA";
  it.each([
    ["status-sent.json", "sent", 1717680001],
    ["status-delivered.json", "delivered", 1717680003],
    ["status-read.json", "read", 1717680030],
  ])("%s", (name, status, ts) => {
    expect(parse(name)).toEqual({ messages: [], statuses: [{ channel: "whatsapp", platformMessageId: wamid, status, at: new Date(ts * 1000) }] });
  });

  it("failed with 131047 carries the error code and title", () => {
    expect(parse("status-failed-131047.json").statuses).toEqual([
      {
        channel: "whatsapp",
        platformMessageId: "wamid.HBgLMzM3NTY3ODEyMzQVAgARGBI4QkRCRDZEMkVGQjA5RTc1NTcA",
        status: "failed",
        at: new Date(1717690000 * 1000),
        errorCode: "whatsapp.131047",
        errorTitle: "Re-engagement message",
      },
    ]);
  });

  it("ignores states we do not track (played, deleted)", () => {
    const body = fixture("status-read.json") as any;
    body.entry[0].changes[0].value.statuses[0].status = "played";
    expect(parseWhatsAppWebhook(body).statuses).toEqual([]);
  });
});

describe("webhookSchema: strict on what we read, lenient elsewhere", () => {
  it("accepts other subscription fields and ignores them", () => {
    const body = {
      object: "whatsapp_business_account",
      entry: [{ id: "1", changes: [{ field: "message_template_status_update", value: { event: "APPROVED", message_template_id: 5 } }] }],
    };
    expect(parseWhatsAppWebhook(body)).toEqual({ messages: [], statuses: [] });
  });

  it("refuses an envelope that is not WhatsApp's, and another object", () => {
    const body = fixture("text-accents-emoji.json") as any;
    body.entry[0].changes[0].value.messaging_product = "instagram";
    expect(webhookSchema.safeParse(body).success).toBe(false);
    expect(webhookSchema.safeParse({ object: "page", entry: [] }).success).toBe(false);
  });

  it.each([
    ["a text without body", (v: any) => delete v.messages[0].text.body, "text"],
    ["a bad timestamp", (v: any) => (v.messages[0].timestamp = "yesterday"), "text"],
  ])("keeps %s as an unreadable message from its sender, to answer", (_label, mutate, type) => {
    const body = fixture("text-accents-emoji.json") as any;
    mutate(body.entry[0].changes[0].value);
    const { messages } = parseWhatsAppWebhook(body);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ externalId: "33612345678", kind: "unsupported", unsupportedType: type, unreadable: { code: "whatsapp.malformed" } });
  });

  it("a button reply without id is unreadable, not a lost envelope", () => {
    const body = fixture("button-reply.json") as any;
    delete body.entry[0].changes[0].value.messages[0].interactive.button_reply.id;
    expect(parseWhatsAppWebhook(body).messages[0]).toMatchObject({ kind: "unsupported", unreadable: { code: "whatsapp.malformed" } });
  });

  it.each([
    ["a message without id", (v: any) => delete v.messages[0].id],
    ["a message without sender", (v: any) => delete v.messages[0].from],
  ])("drops %s (nobody to answer), keeping the rest of the envelope", (_label, mutate) => {
    const body = fixture("batch-two-messages.json") as any;
    mutate(body.entry[0].changes[0].value);
    const batch = parseWhatsAppWebhook(body);
    expect(batch.messages.map((m) => m.text)).toEqual(["menu"]);
    expect(batch.problems).toEqual({ errors: [], dropped: 1 });
  });

  it("accepts extra fields Meta adds", () => {
    const body = fixture("text-accents-emoji.json") as any;
    body.entry[0].changes[0].value.messages[0].brand_new_field = { x: 1 };
    body.entry[0].time = 1717680000;
    expect(parseWhatsAppWebhook(body).messages).toHaveLength(1);
  });
});
