import type { TFunction } from "i18next";
import type { DocumentIntent, TextIntent } from "../core/intent.ts";
import type { Roadmap } from "../db/generated/client.ts";
import { partnerLine, type NextStep, type Partner } from "./lines.ts";

/**
 * A roadmap in the person's language: section titles translated, the coordinators' words as written.
 * Sent as a message, and as a text document the person can keep.
 */
export function roadmapText(t: TFunction, roadmap: Pick<Roadmap, "strengths" | "improvements" | "resources" | "partners" | "nextSteps">, name: string): string {
  const section = (key: string, items: string[]) => (items.length ? [`${t(`roadmap.sections.${key}`)}`, ...items.map((x) => `• ${x}`), ""] : []);
  const partners = (roadmap.partners as unknown as Partner[]).map(partnerLine);
  const steps = (roadmap.nextSteps as unknown as NextStep[]).map((s) => s.text);
  return [
    t("roadmap.title", { name }) as string,
    "",
    ...section("strengths", roadmap.strengths),
    ...section("improvements", roadmap.improvements),
    ...section("resources", roadmap.resources),
    ...section("partners", partners),
    ...section("next_steps", steps),
  ]
    .join("\n")
    .trim();
}

export function roadmapIntents(t: TFunction, roadmap: Parameters<typeof roadmapText>[1], name: string): [TextIntent, DocumentIntent] {
  const body = roadmapText(t, roadmap, name);
  return [
    { type: "text", text: body },
    {
      type: "document",
      filename: "migracoop-roadmap.txt",
      mimeType: "text/plain",
      contentBase64: Buffer.from(`\ufeff${body}\n`).toString("base64"),
      caption: t("roadmap.caption") as string,
    },
  ];
}
