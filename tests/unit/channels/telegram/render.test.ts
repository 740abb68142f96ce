import { describe, expect, it } from "vitest";
import type { Choice, Intent } from "../../../../src/core/intent.ts";
import { CALLBACK_DATA_MAX_BYTES, CAPTION_MAX_CHARS, renderTelegram, TEXT_MAX_CHARS } from "../../../../src/channels/telegram/render.ts";
import { splitText } from "../../../../src/core/split-text.ts";

const yesNo: Choice[] = [
  { id: "rsvp:yes", label: "✅ Je viens" },
  { id: "rsvp:no", label: "❌ Je ne peux pas" },
];
const long: Choice[] = [
  { id: "menu:sales", label: "💶 Enregistrer une vente ou une dépense" },
  { id: "menu:sessions", label: "📅 Voir les prochaines journées de formation" },
];
/** 61 bytes of id + "m1:" = 64: the largest that fits. */
const idOfBytes = (n: number) => "x".repeat(n);

describe("renderTelegram", () => {
  const cases: { name: string; intent: Intent; want: unknown }[] = [
    { name: "plain text", intent: { type: "text", text: "Bonjour 👋" }, want: [{ method: "sendMessage", text: "Bonjour 👋" }] },
    {
      name: "short labels: two per row",
      intent: { type: "choices", text: "Tu viens demain ?", choices: yesNo },
      want: [{
        method: "sendMessage", text: "Tu viens demain ?",
        replyMarkup: { inline_keyboard: [[{ text: "✅ Je viens", callback_data: "m1:rsvp:yes" }, { text: "❌ Je ne peux pas", callback_data: "m1:rsvp:no" }]] },
      }],
    },
    {
      name: "long labels: one per row",
      intent: { type: "choices", text: "Menu", choices: long },
      want: [{
        method: "sendMessage", text: "Menu",
        replyMarkup: { inline_keyboard: [[{ text: long[0]!.label, callback_data: "m1:menu:sales" }], [{ text: long[1]!.label, callback_data: "m1:menu:sessions" }]] },
      }],
    },
    {
      name: "a callback id at exactly 64 bytes still fits",
      intent: { type: "choices", text: "?", choices: [{ id: idOfBytes(CALLBACK_DATA_MAX_BYTES - 3), label: "ok" }] },
      want: [{ method: "sendMessage", text: "?", replyMarkup: { inline_keyboard: [[{ text: "ok", callback_data: `m1:${idOfBytes(61)}` }]] } }],
    },
    {
      name: "one id over 64 bytes (UTF-8): the whole message becomes numbered text",
      intent: {
        type: "choices", text: "Choisis", numberHint: "Réponds avec le numéro",
        // "m1:session:" + 27 × "é" is 38 characters but 65 bytes: Telegram counts bytes.
        choices: [{ id: "a", label: "Un" }, { id: `session:${"é".repeat(27)}`, label: "Deux" }],
      },
      want: [{ method: "sendMessage", text: "Choisis\n\n1. Un\n2. Deux\n\nRéponds avec le numéro" }],
    },
    {
      name: "descriptions go into the text",
      intent: { type: "choices", text: "Quelle journée ?", choices: [{ id: "s1", label: "Lundi", description: "Cuisine, 9h-13h" }] },
      want: [{
        method: "sendMessage", text: "Quelle journée ?\n\n• Lundi: Cuisine, 9h-13h",
        replyMarkup: { inline_keyboard: [[{ text: "Lundi", callback_data: "m1:s1" }]] },
      }],
    },
    {
      name: "template: its text, its buttons as a keyboard",
      intent: { type: "template", name: "reminder", language: "fr", parameters: ["lundi"], text: "Rappel : formation lundi", buttons: yesNo },
      want: [{
        method: "sendMessage", text: "Rappel : formation lundi",
        replyMarkup: { inline_keyboard: [[{ text: "✅ Je viens", callback_data: "m1:rsvp:yes" }, { text: "❌ Je ne peux pas", callback_data: "m1:rsvp:no" }]] },
      }],
    },
    {
      name: "template without buttons: text",
      intent: { type: "template", name: "checkin", language: "fr", parameters: [], text: "Comment ça va ?" },
      want: [{ method: "sendMessage", text: "Comment ça va ?" }],
    },
    {
      name: "document with caption",
      intent: { type: "document", filename: "ventes.csv", mimeType: "text/csv", contentBase64: Buffer.from("a;b\n1;2\n").toString("base64"), caption: "Tes ventes" },
      want: [{ method: "sendDocument", filename: "ventes.csv", content: Buffer.from("a;b\n1;2\n"), caption: "Tes ventes" }],
    },
  ];

  for (const { name, intent, want } of cases) {
    it(name, () => {
      expect(renderTelegram(intent)).toEqual(want);
    });
  }

  it("splits a 9,000-character text into 3 messages, none over the limit, nothing lost", () => {
    const paragraph = "Une ligne de texte assez longue pour remplir le message. ".repeat(10).trim();
    let text = "";
    while (text.length < 9000) text += (text ? "\n" : "") + paragraph;
    text = text.slice(0, 9000);
    const sends = renderTelegram({ type: "text", text });
    expect(sends).toHaveLength(3);
    const texts = sends.map((s) => (s as { text: string }).text);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(TEXT_MAX_CHARS);
    expect(texts.join(" ").replace(/\s+/g, " ")).toBe(text.replace(/\s+/g, " ").trim());
  });

  it("puts the keyboard on the last piece of a long choices text", () => {
    const sends = renderTelegram({ type: "choices", text: "mot ".repeat(2000), choices: yesNo });
    expect(sends).toHaveLength(2);
    expect(sends[0]).not.toHaveProperty("replyMarkup");
    expect(sends[1]).toHaveProperty("replyMarkup");
  });

  it("sends a caption over 1,024 characters as text after the document", () => {
    const caption = "c".repeat(CAPTION_MAX_CHARS + 1);
    const sends = renderTelegram({ type: "document", filename: "a\r\nb.pdf", mimeType: "application/pdf", contentBase64: "", caption });
    expect(sends).toEqual([
      { method: "sendDocument", filename: "a__b.pdf", content: Buffer.alloc(0) },
      { method: "sendMessage", text: caption },
    ]);
  });
});

describe("splitText", () => {
  it("keeps short text whole, even empty", () => {
    expect(splitText("", 10)).toEqual([""]);
    expect(splitText("abc", 10)).toEqual(["abc"]);
  });

  it("prefers line breaks, then spaces, then a hard cut", () => {
    expect(splitText("aaaa bbbb\ncccc", 10)).toEqual(["aaaa bbbb", "cccc"]);
    expect(splitText("aaaa bbbb cccc", 10)).toEqual(["aaaa bbbb", "cccc"]);
    expect(splitText("abcdefghijkl", 5)).toEqual(["abcde", "fghij", "kl"]);
  });

  it("never cuts an emoji in two", () => {
    const pieces = splitText("abcd😀efgh", 5);
    expect(pieces).toEqual(["abcd", "😀efg", "h"]);
    expect(pieces.join("")).toBe("abcd😀efgh");
  });
});
