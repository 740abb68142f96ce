import { choices, option, text } from "../replies.ts";
import { idle, type Turn } from "../turn.ts";
import type { EngineContext, EngineInput, EngineResult, Reply } from "../types.ts";

type Bridge = NonNullable<EngineContext["bridge"]>;

/** The buttons of the bridge notice; they work whenever tapped, so a person can change their mind. */
const KEEP = "bridge:keep";
const REFUSE = "bridge:refuse";

export function isBridgeChoice(choiceId: string | undefined): boolean {
  return choiceId === KEEP || choiceId === REFUSE;
}

/**
 * What goes to which service, saying only what is configured: translation by the named services, voice
 * notes turned into text (TRANSCRIBE_URL), or both; and the two answers: keep it, or refuse it.
 */
export function bridgeNotice(bridge: Pick<Bridge, "services" | "voice">): Reply {
  if (bridge.services === undefined) return choices("bridge.notice_voice_only", [option(KEEP, "bridge.keep"), option(REFUSE, "bridge.refuse_voice")]);
  return choices("bridge.notice", [option(KEEP, "bridge.keep"), option(REFUSE, "bridge.refuse")], { services: bridge.services }, bridge.voice ? [{ key: "bridge.notice_voice" }] : undefined);
}

/** The bridge's lines in the privacy details shown before consent: translation, voice notes, as configured. */
export function bridgePrivacyLines(bridge: Bridge | undefined): Reply[] {
  if (!bridge) return [];
  if (bridge.services === undefined) return bridge.voice ? [text("privacy.bridge_voice")] : [];
  return [text("privacy.bridge", { services: bridge.services }), ...(bridge.voice ? [text("bridge.notice_voice")] : [])];
}

/** "No translation" (or "No, thanks" when only voice notes are transcribed) or "OK": recorded (privacy/bridge-consent.ts), and said back. */
export function onBridgeChoice(turn: Turn): EngineResult {
  const refused = turn.choiceId === REFUSE;
  const voiceOnly = turn.context.bridge !== undefined && turn.context.bridge.services === undefined;
  const said = refused ? (voiceOnly ? "bridge.refused_voice" : "bridge.refused") : "bridge.kept";
  return idle([text(said)], [{ type: "bridge_answer", answer: refused ? "refused" : "accepted" }]);
}

/**
 * Tells a person, once, that translation or transcription is on and what goes where, after the bot's answer to their
 * next message outside any flow (never in the middle of questions, never on "stop" or an erasure).
 * Being told is recorded, so it is not said again; the buttons let them refuse.
 */
export function withBridgeNotice(input: EngineInput, result: EngineResult): EngineResult {
  const bridge = input.context.bridge;
  if (!bridge?.tell || input.person.optedOut || input.person.role !== "participant") return result;
  if (input.conversation.flow || result.conversation.flow || result.replies.length === 0) return result;
  if (isBridgeChoice(input.event.choiceId) || result.effects.some((e) => e.type === "opt_out" || e.type === "erase_me" || e.type === "bridge_answer")) return result;
  return { ...result, replies: [...result.replies, bridgeNotice(bridge)], effects: [...result.effects, { type: "bridge_answer", answer: "told" }] };
}
