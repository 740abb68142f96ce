import { describe, expect, it } from "vitest";
import { COALESCED_BODY_MAX, COALESCED_TEXT_MAX, coalesceReplies } from "../../../../src/app/replies/coalesce.ts";
import type { Intent } from "../../../../src/core/intent.ts";
import type { NewOutbound } from "../../../../src/outbox/outbound.ts";

let n = 0;
function row(intent: Intent, extra: Partial<NewOutbound> = {}): NewOutbound {
  return { idempotencyKey: `reply:in1:${n++}`, personId: "p1", channel: "whatsapp", externalId: "33600000001", purpose: "reply", intent, ...extra };
}
const text = (t: string): Intent => ({ type: "text", text: t });
const choices = (t: string): Intent => ({ type: "choices", text: t, choices: [{ id: "a", label: "A" }, { id: "b", label: "B" }], listButton: "Choisir" });
const doc: Intent = { type: "document", filename: "x.csv", mimeType: "text/csv", contentBase64: "eA==" };
const template: Intent = { type: "template", name: "reminder", language: "fr", parameters: [], text: "Rappel" };

/** The intents' types and texts, in order, for comparing a table row's outcome at a glance. */
function shape(rows: NewOutbound[]): string[] {
  return rows.map((r) => `${r.intent.type}:${"text" in r.intent ? r.intent.text : ""}`);
}

describe("coalesceReplies", () => {
  it.each<[string, Intent[], string[]]>([
    ["a text above choices goes into the choices' message", [text("C'est noté."), choices("Que voulez-vous faire ?")], ["choices:C'est noté.\n\nQue voulez-vous faire ?"]],
    ["two texts then choices: one message", [text("Langue enregistrée."), text("Bienvenue."), choices("Menu")], ["choices:Langue enregistrée.\n\nBienvenue.\n\nMenu"]],
    ["text then text: one text", [text("Un."), text("Deux.")], ["text:Un.\n\nDeux."]],
    ["choices then text: kept apart (the choices must stay last to be answered)", [choices("Oui ou non ?"), text("Merci.")], ["choices:Oui ou non ?", "text:Merci."]],
    ["a document is kept apart, and what follows it too", [text("Votre export :"), { ...doc }, text("Autre chose ?")], ["text:Votre export :", "document:", "text:Autre chose ?"]],
    ["a template is kept apart", [text("Avant"), template], ["text:Avant", "template:Rappel"]],
    ["a blank text adds no blank line", [text("  "), choices("Menu")], ["choices:Menu"]],
    ["one reply stays as it is", [choices("Menu")], ["choices:Menu"]],
    ["nothing gives nothing", [], []],
  ])("%s", (_name, intents, expected) => {
    expect(shape(coalesceReplies(intents.map((i) => row(i))))).toEqual(expected);
  });

  it("keeps the first reply's idempotency key, so a replayed turn queues nothing new", () => {
    const rows = [row(text("A")), row(text("B")), row(choices("C"))];
    const [merged] = coalesceReplies(rows);
    expect(merged!.idempotencyKey).toBe(rows[0]!.idempotencyKey);
    expect(merged!.intent).toMatchObject({ type: "choices", choices: [{ id: "a" }, { id: "b" }], listButton: "Choisir" });
  });

  it("does not merge what would no longer fit one message", () => {
    const long = "x".repeat(COALESCED_BODY_MAX - 5);
    expect(shape(coalesceReplies([row(text(long)), row(choices("Menu ?"))]))).toEqual([`text:${long}`, "choices:Menu ?"]);
    const longer = "y".repeat(COALESCED_TEXT_MAX - 3);
    expect(coalesceReplies([row(text(longer)), row(text("Fin"))])).toHaveLength(2);
    // Exactly at the limit still merges.
    const fits = "z".repeat(COALESCED_BODY_MAX - "\n\nMenu".length);
    expect(shape(coalesceReplies([row(text(fits)), row(choices("Menu"))]))).toEqual([`choices:${fits}\n\nMenu`]);
  });

  it("keeps apart replies with words to translate when sent, and replies for another purpose or person", () => {
    const translate = { text: "Bonjour", from: "fr", to: "ar", ownerId: "p9" } as NonNullable<NewOutbound["translate"]>;
    expect(coalesceReplies([row(text("Message de l'équipe :"), { translate }), row(choices("Menu"))])).toHaveLength(2);
    expect(coalesceReplies([row(text("A")), row(choices("Menu"), { translate })])).toHaveLength(2);
    expect(coalesceReplies([row(text("A")), row(text("B"), { purpose: "relay" })])).toHaveLength(2);
    expect(coalesceReplies([row(text("A")), row(text("B"), { personId: "p2" })])).toHaveLength(2);
  });
});
