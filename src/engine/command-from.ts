import { wordCount } from "../core/text.ts";
import { certainty, type Intent, type Understanding } from "../understanding/index.ts";
import { COMMANDS, COORDINATOR_COMMANDS, type Command } from "./commands.ts";
import { MANAGE } from "./flows/manage-sessions.ts";
import { UNDERSTAND } from "./flows/understood.ts";
import type { EngineInput } from "./types.ts";

/* Which command, if any, a person's words name in the state they are in. */

/** Intents that are also commands: understood, they run the command. */
const COMMAND_INTENTS: ReadonlySet<string> = new Set(COMMANDS);

/** Inside a flow that waits for typed words, only these interrupt it, and only when the bot is sure. */
const INTERRUPTS: ReadonlySet<Intent> = new Set(["stop", "human", "menu", "erase", "mydata"]);
/** Longer answers are answers: a project described in a flow is not a command. */
const INTERRUPT_MAX_WORDS = 8;

/**
 * The command an understanding names, when the bot may act on it here: at high confidence, and inside
 * a flow that waits for typed words only for a short message that interrupts ("stop", "a person").
 */
export function commandFrom(input: EngineInput, understood: Understanding | undefined): Command | undefined {
  if (!understood || !COMMAND_INTENTS.has(understood.intent) || certainty(understood.confidence, understood.intent) !== "high") return undefined;
  if (input.conversation.flow && input.conversation.flow !== UNDERSTAND) {
    // The attendance sheet's answers are its own ("personne" is nobody, not "a person").
    if (input.conversation.flow === MANAGE && input.conversation.step === "attendance" && understood.intent !== "stop") return undefined;
    const words = wordCount(input.event.text ?? "");
    if (!INTERRUPTS.has(understood.intent) || words > INTERRUPT_MAX_WORDS || understood.confidence < 0.9) return undefined;
    // The team's "dis à Awa de m'appeler" in an announcement's text is the text: "a person" is a participant's way out.
    if (understood.intent === "human" && input.person.role !== "participant") return undefined;
  }
  return understood.intent as Command;
}

/** Inside a flow, a participant's answer that happens to be a coordinator word ("annonce" for "how did you hear of us?") is an answer, not a refused command. */
export function participantAnswer(input: EngineInput, command: Command | undefined): Command | undefined {
  return command && COORDINATOR_COMMANDS.has(command) && input.person.role === "participant" && input.conversation.flow ? undefined : command;
}

