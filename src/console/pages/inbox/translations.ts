import { storedTranslations } from "../../../bridge/translate.ts";
import type { AppDeps } from "../../../deps.ts";
import type { ThreadData } from "./data.ts";

/**
 * The thread with each message's translation into the viewer's language where one exists (the
 * outbox made it when the message was relayed, or an earlier view asked for it): never waits for a
 * provider; the conversation's live region shows the missing ones once they come. The person's
 * words are read in their language; the team's answers are translated only when the local guess
 * says they are in another language than the viewer's.
 */
export async function withTranslations(deps: AppDeps, thread: ThreadData, to: string, viewerId: string): Promise<ThreadData> {
  const found = await storedTranslations(
    deps,
    thread.messages.map((m) => ({ text: m.text, from: m.direction === "in" ? (thread.locale ?? to) : to, to, ownerId: thread.personId, people: [viewerId] })),
    "console_inbox",
  );
  return { ...thread, messages: thread.messages.map((m, i) => (found[i] !== undefined ? { ...m, translation: found[i] } : m)) };
}
