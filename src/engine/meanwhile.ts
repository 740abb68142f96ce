import { wordCount } from "../core/text.ts";
import { certainty, type Intent, type Understanding } from "../understanding/index.ts";
import { continueBroadcast } from "./flows/broadcast.ts";
import { continueSale, saleFromText, saleWhileWaiting, stillWaiting } from "./flows/sale.ts";
import { text } from "./replies.ts";
import { IDLE, type Turn } from "./turn.ts";
import { hasNumber } from "./typed-answers.ts";
import type { EngineResult, Reply } from "./types.ts";

/**
 * What is answered in the middle of a flow that waits: the flow's question comes back after the
 * answer, and what it holds (entries to record, an announcement's draft) is kept.
 */

/** Does what an intent asks (the engine's `act`), handed in so this file does not import the engine. */
export type Act = (turn: Turn, intent: Intent) => EngineResult;

/** A sale or an expense the understanding read with its amount. */
export const isSale = (u: Understanding) => (u.intent === "sale" || u.intent === "expense") && u.slots.amountCents !== undefined;

/** Clear requests answered while a sale is being written or a deletion waits for its yes. */
const ANSWERED_MEANWHILE: ReadonlySet<Intent> = new Set(["question", "sessions", "totals"]);
/**
 * Answered too when said in a sentence ("I'll be late tomorrow" is recorded, "merci beaucoup !" answered),
 * or thanks where "is this right?" is asked: a word alone at a step ("oui", "beaucoup") is that step's answer.
 */
const SAID_MEANWHILE: ReadonlySet<Intent> = new Set(["rsvp_yes", "rsvp_no", "rsvp_late", "thanks"]);
const SENTENCE_WORDS = 3;

function answeredMeanwhile(turn: Turn, understood: Understanding): boolean {
  if (ANSWERED_MEANWHILE.has(understood.intent)) return true;
  if (!SAID_MEANWHILE.has(understood.intent)) return false;
  const words = wordCount(turn.event.text ?? "");
  return words >= SENTENCE_WORDS || (understood.intent === "thanks" && turn.conversation.step === "confirm");
}

/** The understanding, when the bot is sure of it and the person typed (a tap is the flow's own answer). */
const sureOf = (turn: Turn) => (!turn.choiceId && turn.understood && certainty(turn.understood.confidence, turn.understood.intent) === "high" ? turn.understood : undefined);

/**
 * While a sale is being written or waits for "is this right?": another sale typed in full joins the
 * entries waiting (or corrects the last one), and a clear request ("how much did I sell?", "when is
 * the next training?") is answered, then what waits is asked again: nothing typed is lost, nothing
 * is recorded without the yes.
 */
export function whileSaleWaits(turn: Turn, act: Act): EngineResult | undefined {
  const understood = sureOf(turn);
  if (!understood) return undefined;
  // "non, 15€" is a correction of the entry waiting (the flow reads it), not another entry.
  if (turn.conversation.step === "confirm" && isSale(understood) && understood.slots.answer !== "no") return saleWhileWaiting(turn);
  // "Cancel the last one" in words, while nothing is recorded yet: the entries waiting are dropped
  // (not at "sale or expense?", where the model takes "une dépense" for "undo").
  // "annule la dernière" among several: that one only (the flow reads it).
  // A mistake said with its number ("non je me suis trompé c 5 yassa pas 4") is the flow's correction, not a cancellation.
  if (understood.intent === "undo" && turn.conversation.step !== "kind" && !hasNumber(turn.event.text ?? "")) return continueSale({ ...turn, command: "undo" });
  if (!answeredMeanwhile(turn, understood)) return undefined;
  const answer = act({ ...turn, conversation: IDLE }, understood.intent);
  // An answer that starts its own questions (a question passed to the team) leaves the sale aside, and says so.
  if (answer.conversation.flow) return { ...answer, replies: [text("sale.cancelled"), ...answer.replies] };
  return thenAgain(answer, stillWaiting(turn));
}

/** The team's clear requests answered while an announcement is being written: its question comes back after. */
const TEAM_MEANWHILE: ReadonlySet<Intent> = new Set(["totals", "export", "sessions", "applications"]);

/**
 * While an announcement waits for its audience, another version or "send?": "combien on a vendu ce
 * mois", "exporte les ventes" are answered, then the same step is asked again (its draft kept). The
 * text itself is the coordinator's words, never read as a request.
 */
export function whileBroadcastWaits(turn: Turn, act: Act): EngineResult | undefined {
  const understood = sureOf(turn);
  if (!understood || turn.conversation.step === "text" || !TEAM_MEANWHILE.has(understood.intent)) return undefined;
  const answer = act({ ...turn, conversation: IDLE }, understood.intent);
  if (answer.conversation.flow) return undefined;
  return thenAgain(answer, continueBroadcast({ ...turn, choiceId: undefined, command: undefined, event: { ...turn.event, text: undefined } }));
}

/** An answer given in the middle of a flow, then the flow's question again (the answer's menu left out: the question is what is offered). */
function thenAgain(answer: EngineResult, again: EngineResult): EngineResult {
  return { conversation: again.conversation, replies: [...answer.replies.filter((r) => !isMenu(r)), ...again.replies], effects: [...answer.effects, ...again.effects] };
}

const isMenu = (r: Reply) => r.type === "choices" && r.say.key === "menu.title";

/**
 * While "delete this entry?" waits: a new sale typed in full is read back and a clear request is
 * answered, after "OK, I keep everything": nothing is removed without the yes.
 */
export function undoSetAside(turn: Turn, act: Act): EngineResult | undefined {
  const understood = sureOf(turn);
  if (!understood) return undefined;
  const fresh: Turn = { ...turn, conversation: IDLE };
  const answer = isSale(understood) ? saleFromText(fresh) : answeredMeanwhile(turn, understood) ? act(fresh, understood.intent) : undefined;
  return answer && { ...answer, replies: [text("undo.kept"), ...answer.replies] };
}
