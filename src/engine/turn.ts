import type { Understanding } from "../understanding/index.ts";
import type { Command } from "./commands.ts";
import type { Conversation, Effect, EngineInput, EngineResult, Reply } from "./types.ts";

/** One turn of the conversation: the input plus what the router already understood. */
export interface Turn extends EngineInput {
  choiceId?: string;
  command?: Command;
  /** What the understanding layer made of the typed text, when there is one. */
  understood?: Understanding;
}

export const IDLE: Conversation = { flow: null, step: null, data: {} };

export function reply(conversation: Conversation, replies: Reply[], effects: Effect[] = []): EngineResult {
  return { conversation, replies, effects };
}

/** Ends any flow. */
export function idle(replies: Reply[], effects: Effect[] = []): EngineResult {
  return reply(IDLE, replies, effects);
}
