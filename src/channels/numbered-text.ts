import type { ChoicesIntent } from "../core/intent.ts";

/**
 * Choices as plain numbered text, for platforms (or sizes) without buttons:
 * the person answers with the number, which the engine maps back to the choice.
 */
export function numberedText(intent: ChoicesIntent): string {
  const lines = intent.choices.map((c, i) => `${intent.numbers?.[i] ?? i + 1}. ${c.label}`);
  return [intent.text, "", ...lines, ...(intent.numberHint ? ["", intent.numberHint] : [])].join("\n");
}
