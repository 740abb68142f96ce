import { randomUUID } from "node:crypto";
import { applyEffects } from "../../../app/effects/apply.ts";
import { NAME_FIELDS, personName } from "../../../core/person-name.ts";
import type { AppDeps } from "../../../deps.ts";
import type { Tx } from "../../../db/tx.ts";
import type { Effect } from "../../../engine/types.ts";
import { PostCommit } from "../../../outbox/post-commit.ts";
import { peopleIn, type Scope } from "../../scope.ts";
import { unreadByThread } from "./unread.ts";

/** Threads read for the list (then ordered by their last message); the list shows the first LIST. */
const READ = 500;
const LIST = 100;

export const INBOX_FILTERS = ["open", "closed"] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];

/** Who the person is, as the Inbox shows them: name, language, platforms, cohorts (as a member). */
export interface ThreadPerson {
  name: string;
  locale: string | null;
  channels: string[];
  cohorts: string[];
}

export interface InboxRow extends ThreadPerson {
  id: string;
  lastText: string;
  lastAt: Date;
  /** The last word is the person's: it waits for an answer. */
  waiting: boolean;
  /** The person's messages no coordinator has read or answered yet (inbox/unread.ts). */
  unread: number;
  closedAt: Date | null;
}

export interface ThreadData extends ThreadPerson {
  id: string;
  /** The participant: whose words these are (their translations are theirs). */
  personId: string;
  openedAt: Date;
  closedAt: Date | null;
  /** `translation`: the words in the viewer's language, when one exists (inbox/translations.ts). */
  messages: { id: string; direction: "in" | "out"; author: string; text: string; at: Date; translation?: string; /** A voice note's audio (GET /console/voice/<id>). */ audioId?: string }[];
}

const PERSON_SELECT = {
  firstName: true,
  locale: true,
  identities: { select: { displayName: true, channel: true, externalId: true }, orderBy: { createdAt: "asc" } },
  memberships: { where: { role: "member" }, select: { cohort: { select: { name: true } } } },
} as const;

type SelectedPerson = { firstName: string | null; locale: string | null; identities: { displayName: string | null; channel: string; externalId: string }[]; memberships: { cohort: { name: string } }[] };

function whoIs(p: SelectedPerson): ThreadPerson {
  return {
    name: personName(p),
    locale: p.locale,
    channels: [...new Set(p.identities.map((i) => i.channel))],
    cohorts: [...new Set(p.memberships.map((m) => m.cohort.name))],
  };
}

/** The threads within the scope (open, or closed), newest activity first. Erased people's threads are gone with them. */
export async function loadInbox(db: Tx, scope: Scope, filter: InboxFilter): Promise<{ rows: InboxRow[]; count: number }> {
  const where = { closedAt: filter === "open" ? null : { not: null }, person: { ...peopleIn(scope), erasedAt: null }, messages: { some: {} } };
  const threads = await db.relayThread.findMany({
    where,
    orderBy: { openedAt: "desc" },
    take: READ,
    include: { person: { select: PERSON_SELECT }, messages: { orderBy: { createdAt: "desc" }, take: 1, select: { direction: true, text: true, createdAt: true } } },
  });
  const count = await db.relayThread.count({ where });
  const rows = threads
    .map((t) => ({ id: t.id, ...whoIs(t.person), lastText: t.messages[0]!.text, lastAt: t.messages[0]!.createdAt, waiting: t.messages[0]!.direction === "in", closedAt: t.closedAt }))
    .sort((a, b) => b.lastAt.getTime() - a.lastAt.getTime())
    .slice(0, LIST);
  const unread = await unreadByThread(db, rows.map((r) => r.id));
  return { rows: rows.map((r) => ({ ...r, unread: unread.get(r.id) ?? 0 })), count };
}

/** One thread within the scope with every message in and out, oldest first; null when it is not there or not the viewer's. */
export async function loadThread(db: Tx, scope: Scope, threadId: string): Promise<ThreadData | null> {
  const thread = await db.relayThread.findFirst({
    where: { id: threadId, person: { ...peopleIn(scope), erasedAt: null } },
    include: { person: { select: PERSON_SELECT }, messages: { orderBy: { createdAt: "asc" }, select: { id: true, direction: true, authorId: true, text: true, createdAt: true, mediaId: true } } },
  });
  if (!thread) return null;
  const authorIds = [...new Set(thread.messages.map((m) => m.authorId).filter((a): a is string => !!a))];
  const authors = await db.person.findMany({ where: { id: { in: authorIds } }, select: { id: true, ...NAME_FIELDS } });
  const nameOf = new Map(authors.map((a) => [a.id, personName(a)]));
  const who = whoIs(thread.person);
  return {
    id: thread.id,
    personId: thread.personId,
    ...who,
    openedAt: thread.openedAt,
    closedAt: thread.closedAt,
    messages: thread.messages.map((m) => ({
      id: m.id,
      direction: m.direction === "out" ? "out" : "in",
      author: m.authorId ? (nameOf.get(m.authorId) ?? "—") : m.direction === "in" ? who.name : "—",
      text: m.text,
      at: m.createdAt,
      ...(m.mediaId ? { audioId: m.mediaId } : {}),
    })),
  };
}

/** "stopped": the person wrote "stop", so nothing is sent to them (audited `relay.answer_not_sent`). */
export type AnswerOutcome = "sent" | "empty" | "gone" | "stopped";
export type CloseOutcome = "closed" | "gone";

/** The thread, locked, if it is within the scope and its person not erased. */
async function lockedThread(tx: Tx, scope: Scope, threadId: string) {
  await tx.$queryRaw`SELECT id FROM "RelayThread" WHERE id = ${threadId} FOR UPDATE`;
  return tx.relayThread.findFirst({ where: { id: threadId, person: { ...peopleIn(scope), erasedAt: null } }, select: { id: true, closedAt: true, person: { select: { optedOutAt: true } } } });
}

/** The effects' context: from the console there is no inbound message; a unique id and the coordinator's own address. */
async function actorOf(tx: Tx, viewerId: string) {
  const actor = await tx.person.findUniqueOrThrow({ where: { id: viewerId }, include: { identities: true } });
  const address = actor.identities[0] ? { channel: actor.identities[0].channel, externalId: actor.identities[0].externalId } : { channel: "telegram" as const, externalId: "" };
  return { actor, address };
}

/**
 * A coordinator's answer from the console, through the chat's own code: the effects the engine emits
 * for an answer (engine/flows/relay.ts: `relay_answer`, then `audit` "relay.answer"), applied by the same
 * handlers in one transaction; the person's message (translated as from the chat when a provider is set)
 * is handed to the queues after the commit; `asWritten` ("send as written") skips the translation. An empty text sends nothing.
 */
export async function answerFromConsole(deps: AppDeps, viewer: { id: string }, scope: Scope, threadId: string, text: string, options: { asWritten?: boolean } = {}): Promise<AnswerOutcome> {
  const typed = text.trim();
  if (!typed) return "empty";
  const after = new PostCommit();
  const outcome = await deps.prisma.$transaction(
    async (tx): Promise<AnswerOutcome> => {
      const thread = await lockedThread(tx, scope, threadId);
      if (!thread) return "gone";
      const { actor, address } = await actorOf(tx, viewer.id);
      if (thread.person.optedOutAt) {
        await applyEffects({ deps, tx, inboundId: `console:${randomUUID()}`, address }, actor, [{ type: "audit", action: "relay.answer_not_sent", subject: thread.id }], after);
        return "stopped";
      }
      const effects: Effect[] = [
        { type: "relay_answer", threadId: thread.id, text: typed, ...(options.asWritten ? { asWritten: true } : {}) },
        { type: "audit", action: "relay.answer", subject: thread.id },
      ];
      await applyEffects({ deps, tx, inboundId: `console:${randomUUID()}`, address }, actor, effects, after);
      return "sent";
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  if (outcome === "sent") await after.run(deps);
  return outcome;
}

/** Closes a thread (its person's next message opens a new one), audited as `relay.closed`. Closing a closed thread changes nothing. */
export async function closeFromConsole(deps: AppDeps, viewer: { id: string }, scope: Scope, threadId: string): Promise<CloseOutcome> {
  return deps.prisma.$transaction(
    async (tx): Promise<CloseOutcome> => {
      const thread = await lockedThread(tx, scope, threadId);
      if (!thread) return "gone";
      if (thread.closedAt) return "closed";
      await tx.relayThread.update({ where: { id: thread.id }, data: { closedAt: deps.now() } });
      await tx.auditLog.create({ data: { actorId: viewer.id, action: "relay.closed", subject: thread.id, at: deps.now() } });
      return "closed";
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}
