import type { TFunction } from "i18next";
import type { Intent } from "../core/intent.ts";
import type { Reply, Say } from "../engine/types.ts";

export function say(t: TFunction, s: Say): string {
  return t(s.key, s.params ?? {}) as string;
}

/** Turns the engine's replies (keys) into neutral intents (sentences in the person's language). */
export function renderReply(t: TFunction, reply: Reply): Intent {
  if (reply.type === "text") return { type: "text", text: say(t, reply.say) };
  return {
    type: "choices",
    text: say(t, reply.say),
    listButton: t("menu.button") as string,
    numberHint: t("choices.reply_with_number") as string,
    choices: reply.choices.map((c) => ({ id: c.id, label: c.label ?? (c.say ? say(t, c.say) : c.id) })),
  };
}
