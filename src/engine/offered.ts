import type { Reply, SayParam } from "./types.ts";

/** A choice as last offered to the person, kept with the conversation to read typed answers. */
export interface OfferedChoice {
  id: string;
  key?: string;
  params?: Record<string, SayParam>;
  label?: string;
}

/**
 * What a typed number reads against after a turn: the choices its replies offered; or, when it said
 * nothing or only a word about the earlier choices ("there are only 3"), the earlier ones; else none.
 */
export function offeredAfter(shown: Reply[], before: OfferedChoice[] | undefined): OfferedChoice[] | undefined {
  return offeredFrom(shown) ?? (shown.every((r) => r.type === "text" && r.keepsChoices) ? before : undefined);
}

/** The choices of the last reply that offered any: what a typed "2" or "Español" refers to. */
export function offeredFrom(replies: Reply[]): OfferedChoice[] | undefined {
  const last = [...replies].reverse().find((r) => "choices" in r);
  if (!last || !("choices" in last)) return undefined;
  return last.choices.map((c) => ({ id: c.id, key: c.say?.key, params: c.say?.params, label: c.label }));
}
