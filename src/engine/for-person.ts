import { COORDINATOR_INTENTS, type Intent, type Understanding } from "../understanding/index.ts";
import { normalise } from "../core/text.ts";
import type { EngineInput } from "./types.ts";

/**
 * What the person can mean, given who they are: a participant cannot mean a coordinator's command, and
 * someone who stopped the messages and writes what reads as "stop" or "start" most likely means
 * "start" (the other way round is never assumed: a stop needs its own certainty). But consent is not
 * given back on a guess: when the model reads "stop" and the words say no or stop ("وقف الرسائل",
 * "não quero mais mensagens", "стоп больше не нужен"), its reading stands, and the person is shown how
 * to start again with a tap. The guesses set aside leave their weight to the others.
 */
export function forPerson(understood: Understanding, person: EngineInput["person"], typed = ""): Understanding {
  const guesses = [{ intent: understood.intent, confidence: understood.confidence }, ...understood.alternatives];
  const both = guesses.filter((g) => g.intent === "stop" || g.intent === "start");
  const saysNo = understood.intent === "stop" && NO_OR_STOP.test(normalise(typed));
  if (person.optedOut && both.length === 2 && !saysNo && (understood.intent === "stop" || understood.intent === "start")) {
    const merged = { intent: "start" as Intent, confidence: both[0]!.confidence + both[1]!.confidence };
    understood = { ...understood, ...merged, alternatives: understood.alternatives.filter((g) => g.intent !== "stop" && g.intent !== "start") };
  }
  return forRole(understood, person.role);
}

/** No, not, don't, and stop words, in every supported language ("ne plus", "não quero", "ما بغيتش", "وقف", "не", "نه"). */
const NO_OR_STOP = /(?:^|\s)(?:ne|n'|pas|plus|jamais|no|not|don'?t|never|nao|nunca|ya no|нет|не|ні|لا|ما|مش|بلاش|نه|نمی|مه|ኣይ|না|stop|stoppe|arrete|arreter|arretez|para|pare|parar|basta|стоп|хватит|досить|وقف|اوقف|أوقف|توقف|بس|بند|ودروه|ኣቋርጽ|ደው|বন্ধ|থামাও|স্টপ)(?=\s|$)|^ما|ش(?=\s|$)/u;

/** A member's answers about coming to a training day: the team has none to give. */
const MEMBER_INTENTS: ReadonlySet<Intent> = new Set(["rsvp_yes", "rsvp_no", "rsvp_late"]);

/**
 * A participant cannot mean a coordinator's command, and the team cannot mean a member's "I'm coming":
 * those guesses are set aside, the others weighed again. The team's "cancel" with a day in it
 * ("annule la séance de demain") is about a session, not a sale: their sessions.
 */
function forRole(understood: Understanding, role: EngineInput["person"]["role"]): Understanding {
  const team = role !== "participant";
  if (team && understood.slots.day) {
    understood = { ...understood, alternatives: understood.alternatives.map((g) => (g.intent === "undo" ? { ...g, intent: "sessions" as Intent } : g)) };
    if (understood.intent === "undo") understood = { ...understood, intent: "sessions" };
  }
  const excluded = team ? MEMBER_INTENTS : COORDINATOR_INTENTS;
  const guesses = [{ intent: understood.intent, confidence: understood.confidence }, ...understood.alternatives].filter((g, i, all) => !excluded.has(g.intent) && all.findIndex((o) => o.intent === g.intent) === i);
  if (guesses[0]?.intent === understood.intent) return { ...understood, alternatives: guesses.slice(1) };
  const left = guesses.reduce((sum, g) => sum + g.confidence, 0) || 1;
  const [best, ...alternatives] = guesses.map((g) => ({ ...g, confidence: Math.round((1000 * g.confidence) / Math.max(left, 1 - understood.confidence)) / 1000 }));
  return { ...understood, ...(best ?? { intent: "unknown", confidence: 0 }), alternatives };
}
