import type { TFunction } from "i18next";
import type { Intent } from "../core/intent.ts";
import type { Reply, Say, SayParam } from "../engine/types.ts";

function param(t: TFunction, value: SayParam): string | number {
  return typeof value === "object" ? (t(value.t) as string) : value;
}

/** One sentence in the reader's language; `{ t: key }` parameters are translated too (never user text). */
export function say(t: TFunction, s: Say): string {
  const params = Object.fromEntries(Object.entries(s.params ?? {}).map(([k, v]) => [k, param(t, v)]));
  return t(s.key, params) as string;
}

function body(t: TFunction, reply: { say: Say; lines?: Say[] }): string {
  return [say(t, reply.say), ...(reply.lines ?? []).map((l) => say(t, l))].join("\n");
}

/** Turns the engine's text and choice replies (keys) into neutral intents (sentences in the person's language). */
export function renderReply(t: TFunction, reply: Exclude<Reply, { type: "document" }>): Intent {
  if (reply.type === "text") return { type: "text", text: body(t, reply) };
  return {
    type: "choices",
    text: body(t, reply),
    listButton: t("menu.button") as string,
    numberHint: t("choices.reply_with_number") as string,
    choices: reply.choices.map((c) => ({ id: c.id, label: c.label ?? (c.say ? say(t, c.say) : c.id) })),
  };
}
