import type { EngineResult, Reply } from "../../engine/types.ts";
import type { FloodLimits } from "../../deps.ts";

/** How fast one address may write before the bot stops answering, and when coordinators hear of it. */
export const DEFAULT_FLOOD_LIMITS: FloodLimits = { perMinute: 20, alertAfterMs: 10 * 60_000 };

/** A flood in progress, kept with the conversation: when it began, whether the person was told, whether coordinators were. */
export interface FloodState {
  since: string;
  warned: boolean;
  alerted: boolean;
}


/**
 * What to do with one more message of an address writing `count` messages a minute:
 * - under the limit: a normal turn (and the end of any flood);
 * - the first message over it: one "please slow down", in the person's language;
 * - the next ones: stored, not answered, so that a loop with another bot ends by itself;
 * - still flooding after `alertAfterMs`: the coordinators are told, once.
 */
export function floodVerdict(
  state: FloodState | undefined,
  count: number,
  at: Date,
  limits: FloodLimits,
): { action: "normal" } | { action: "warn" | "silent" | "alert"; state: FloodState } {
  if (count <= limits.perMinute) return { action: "normal" };
  if (!state) return { action: "warn", state: { since: at.toISOString(), warned: true, alerted: false } };
  if (!state.alerted && at.getTime() - new Date(state.since).getTime() >= limits.alertAfterMs) return { action: "alert", state: { ...state, alerted: true } };
  return { action: "silent", state };
}

/** The turn a flooded message gets instead of the engine's: the same conversation, at most one reply or one alert. */
export function floodTurn(action: "warn" | "silent" | "alert", conversation: EngineResult["conversation"], count: number, limits: FloodLimits): EngineResult {
  const slowDown: Reply = { type: "text", say: { key: "flood.slow_down" } };
  const alert: Reply = { type: "text", say: { key: "flood.alert", params: { count, minutes: Math.round(limits.alertAfterMs / 60_000) } } };
  if (action === "warn") return { conversation, replies: [slowDown], effects: [] };
  if (action === "alert") return { conversation, replies: [], effects: [{ type: "notify_coordinators", reply: alert }] };
  return { conversation, replies: [], effects: [] };
}
