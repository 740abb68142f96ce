import { describe, expect, it } from "vitest";
import {
  BODY_MAX,
  BUTTON_TITLE_MAX,
  LIST_BUTTON_MAX,
  LIST_ROW_DESCRIPTION_MAX,
  renderWhatsApp,
  TEXT_MAX,
  type WhatsAppMessage,
} from "../../../../src/channels/whatsapp/render.ts";
import type { Choice, ChoicesIntent } from "../../../../src/core/intent.ts";

const choices = (n: number, label = (i: number) => `Choix ${i + 1}`): Choice[] =>
  Array.from({ length: n }, (_, i) => ({ id: `c:${i + 1}`, label: label(i) }));
const ask = (c: Choice[], extra: Partial<ChoicesIntent> = {}): ChoicesIntent => ({
  type: "choices",
  text: "📋 Que voulez-vous faire ?",
  choices: c,
  listButton: "Choisir",
  numberHint: "Répondez avec le numéro de votre choix.",
  ...extra,
});
const kinds = (ms: WhatsAppMessage[]) => ms.map((m) => m.type);

describe("renderWhatsApp: choices", () => {
  const table: [string, Choice[], WhatsAppMessage["type"][], Partial<ChoicesIntent>?][] = [
    ["2 short choices", choices(2), ["buttons"]],
    ["3 short choices", choices(3), ["buttons"]],
    ["4 choices", choices(4), ["list"]],
    ["10 choices", choices(10), ["list"]],
    ["11 choices", choices(11), ["text"]],
    ["3 choices, one label over 20", choices(3, (i) => (i === 1 ? "📅 Mes prochains cours" : `Choix ${i}`)), ["list"]],
    ["2 choices, one label over 24", choices(2, (i) => (i === 0 ? "Une étiquette beaucoup trop longue" : "Oui")), ["text"]],
    ["no list button label and 4 choices", choices(4), ["text"], { listButton: undefined }],
    ["duplicate choice ids", [{ id: "a", label: "A" }, { id: "a", label: "B" }], ["text"]],
  ];
  it.each(table)("%s", (_label, c, expected, extra = {}) => {
    expect(kinds(renderWhatsApp(ask([...c], extra)))).toEqual(expected);
  });

  it("buttons carry our prefixed payload as id and the label as title", () => {
    const [m] = renderWhatsApp(ask([{ id: "rsvp:yes", label: "✅ Je viens" }, { id: "rsvp:no", label: "❌ Je ne viens pas" }]));
    expect(m).toEqual({
      type: "buttons",
      bodyText: "📋 Que voulez-vous faire ?",
      buttons: [
        { id: "m1:rsvp:yes", title: "✅ Je viens" },
        { id: "m1:rsvp:no", title: "❌ Je ne viens pas" },
      ],
    });
  });

  it("a list has one row per choice, descriptions and list button truncated", () => {
    const c = choices(5).map((x, i) => (i === 0 ? { ...x, description: "d".repeat(100) } : x));
    const [m] = renderWhatsApp(ask(c, { listButton: "Choisir une option dans la liste" }));
    if (m?.type !== "list") throw new Error("expected a list");
    expect(m.rows).toHaveLength(5);
    expect(m.rows[0]).toEqual({ id: "m1:c:1", title: "Choix 1", description: "d".repeat(LIST_ROW_DESCRIPTION_MAX - 1) + "…" });
    expect(m.rows[1]).toEqual({ id: "m1:c:2", title: "Choix 2" });
    expect(m.buttonText.length).toBeLessThanOrEqual(LIST_BUTTON_MAX);
    expect(m.buttonText.endsWith("…")).toBe(true);
  });

  it("numbered text lists every choice with the hint", () => {
    const [m] = renderWhatsApp(ask(choices(11)));
    if (m?.type !== "text") throw new Error("expected text");
    expect(m.text).toContain("1. Choix 1\n");
    expect(m.text).toContain("11. Choix 11");
    expect(m.text.endsWith("Répondez avec le numéro de votre choix.")).toBe(true);
  });

  it("labels of exactly 20 and 24 characters still fit", () => {
    expect(kinds(renderWhatsApp(ask(choices(3, () => "x".repeat(BUTTON_TITLE_MAX)).map((c, i) => ({ ...c, label: c.label.slice(1) + i })))))).toEqual(["buttons"]);
    expect(kinds(renderWhatsApp(ask(choices(4, (i) => "y".repeat(23) + i))))).toEqual(["list"]);
  });

  it("a body over 1024 sends its beginning as text first", () => {
    const text = "Lorem ipsum dolor sit amet. ".repeat(60);
    const ms = renderWhatsApp(ask(choices(2), { text }));
    expect(kinds(ms)).toEqual(["text", "buttons"]);
    const last = ms[1]!;
    if (last.type !== "buttons") throw new Error("expected buttons");
    expect(last.bodyText.length).toBeLessThanOrEqual(BODY_MAX);
  });

  it("right-to-left labels and text are passed through unchanged", () => {
    const [m] = renderWhatsApp(ask([{ id: "rsvp:yes", label: "✅ سأحضر" }, { id: "rsvp:no", label: "❌ لن أحضر" }], { text: "هل ستحضر التدريب؟" }));
    expect(m).toEqual({ type: "buttons", bodyText: "هل ستحضر التدريب؟", buttons: [{ id: "m1:rsvp:yes", title: "✅ سأحضر" }, { id: "m1:rsvp:no", title: "❌ لن أحضر" }] });
  });
});

describe("renderWhatsApp: text", () => {
  it("a 5,000-character text becomes two messages within 4096", () => {
    const text = "Bonjour à toutes et à tous ! ".repeat(173).slice(0, 5000);
    const ms = renderWhatsApp({ type: "text", text });
    expect(kinds(ms)).toEqual(["text", "text"]);
    for (const m of ms) if (m.type === "text") expect(m.text.length).toBeLessThanOrEqual(TEXT_MAX);
  });

  it("an RTL text over the limit splits between words", () => {
    const text = "شكرا جزيلا لكم ".repeat(400);
    const ms = renderWhatsApp({ type: "text", text });
    expect(ms.length).toBe(2);
    for (const m of ms) if (m.type === "text") expect(m.text).toMatch(/^شكرا .* لكم$/u);
  });

  it("an empty text renders nothing", () => {
    expect(renderWhatsApp({ type: "text", text: "  " })).toEqual([]);
  });
});

describe("renderWhatsApp: template and document", () => {
  it("a template with body parameters and quick-reply payloads", () => {
    const [m] = renderWhatsApp({
      type: "template",
      name: "migracoop_reminder_v1",
      language: "fr",
      parameters: ["Atelier\nvente", "mardi 14 mai, 10 h", "Ground      Control"],
      buttons: [
        { id: "rsvp:yes", label: "Je viens" },
        { id: "rsvp:no", label: "Je ne peux pas venir" },
      ],
      text: "…",
    });
    expect(m).toEqual({
      type: "template",
      name: "migracoop_reminder_v1",
      languageCode: "fr",
      components: [
        { type: "body", parameters: [{ type: "text", text: "Atelier vente" }, { type: "text", text: "mardi 14 mai, 10 h" }, { type: "text", text: "Ground    Control" }] },
        { type: "button", sub_type: "quick_reply", index: "0", parameters: [{ type: "payload", payload: "m1:rsvp:yes" }] },
        { type: "button", sub_type: "quick_reply", index: "1", parameters: [{ type: "payload", payload: "m1:rsvp:no" }] },
      ],
    });
  });

  it("a template without parameters has no body component", () => {
    const [m] = renderWhatsApp({ type: "template", name: "t", language: "en", parameters: [], text: "x" });
    expect(m).toEqual({ type: "template", name: "t", languageCode: "en", components: [] });
  });

  it("a document keeps a short caption, and sends a long one as text after", () => {
    const doc = { type: "document" as const, filename: "ventes.csv", mimeType: "text/csv", contentBase64: "YSxi" };
    expect(renderWhatsApp({ ...doc, caption: "Vos ventes" })).toEqual([{ ...doc, caption: "Vos ventes" }]);
    expect(kinds(renderWhatsApp({ ...doc, caption: "x ".repeat(700) }))).toEqual(["document", "text"]);
  });
});
