import type { Reply, SayParam } from "./types.ts";

/** A choice as last offered to the person, kept with the conversation to read typed answers. */
export interface OfferedChoice {
  id: string;
  key?: string;
  params?: Record<string, SayParam>;
  label?: string;
}

/** The choices of the last reply that offered any: what a typed "2" or "Español" refers to. */
export function offeredFrom(replies: Reply[]): OfferedChoice[] | undefined {
  const last = [...replies].reverse().find((r) => "choices" in r);
  if (!last || !("choices" in last)) return undefined;
  return last.choices.map((c) => ({ id: c.id, key: c.say?.key, params: c.say?.params, label: c.label }));
}
