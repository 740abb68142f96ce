import { COORDINATOR_INTENTS, type Intent, type Understanding } from "../understanding/index.ts";
import type { EngineInput } from "./types.ts";

/**
 * What the person can mean, given who they are: a participant cannot mean a coordinator's command, and
 * someone who stopped the messages and writes what reads as "stop" or "start" most likely means
 * "start" (the other way round is never assumed: a stop needs its own certainty). The guesses set
 * aside leave their weight to the others.
 */
export function forPerson(understood: Understanding, person: EngineInput["person"]): Understanding {
  const guesses = [{ intent: understood.intent, confidence: understood.confidence }, ...understood.alternatives];
  const both = guesses.filter((g) => g.intent === "stop" || g.intent === "start");
  if (person.optedOut && both.length === 2 && (understood.intent === "stop" || understood.intent === "start")) {
    const merged = { intent: "start" as Intent, confidence: both[0]!.confidence + both[1]!.confidence };
    understood = { ...understood, ...merged, alternatives: understood.alternatives.filter((g) => g.intent !== "stop" && g.intent !== "start") };
  }
  return forRole(understood, person.role);
}

/** A participant cannot mean a coordinator's command: those guesses are set aside, the others weighed again. */
function forRole(understood: Understanding, role: EngineInput["person"]["role"]): Understanding {
  if (role !== "participant") return understood;
  const guesses = [{ intent: understood.intent, confidence: understood.confidence }, ...understood.alternatives].filter((g) => !COORDINATOR_INTENTS.has(g.intent));
  if (guesses[0]?.intent === understood.intent) return understood;
  const left = guesses.reduce((sum, g) => sum + g.confidence, 0) || 1;
  const [best, ...alternatives] = guesses.map((g) => ({ ...g, confidence: Math.round((1000 * g.confidence) / Math.max(left, 1 - understood.confidence)) / 1000 }));
  return { ...understood, ...(best ?? { intent: "unknown", confidence: 0 }), alternatives };
}

